using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Swarm.Models.Middleware;

/// <summary>Adds <see cref="RetryingChatClient"/> to a chat client pipeline.</summary>
public static class RetryingChatClientBuilderExtensions
{
    /// <summary>Transient failures below this point are retried as <paramref name="settings"/> say.</summary>
    public static ChatClientBuilder UseRetries(this ChatClientBuilder builder, ModelProviderSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        return builder.Use(inner => new RetryingChatClient(inner, settings, loggerFactory?.CreateLogger<RetryingChatClient>()));
    }
}
