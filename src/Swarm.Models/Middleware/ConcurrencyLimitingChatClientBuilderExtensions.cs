using Microsoft.Extensions.AI;
using Swarm.Models.Gates;

namespace Swarm.Models.Middleware;

/// <summary>Adds <see cref="ConcurrencyLimitingChatClient"/> to a chat client pipeline.</summary>
public static class ConcurrencyLimitingChatClientBuilderExtensions
{
    /// <summary>Each call through the pipeline below this point holds a lease on <paramref name="gate"/>.</summary>
    public static ChatClientBuilder UseConcurrencyLimit(this ChatClientBuilder builder, IEndpointGate gate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(gate);
        return builder.Use(inner => new ConcurrencyLimitingChatClient(inner, gate));
    }
}
