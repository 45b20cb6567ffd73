using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Providers;
using Swarm.Models.Gates;

namespace Swarm.Models.Middleware;

/// <summary>
/// Holds a lease on the endpoint's gate for each attempt, so a large experiment queues politely instead of tripping
/// the provider's rate limits, and tells the gate how the attempt went (a 429 lowers the gate's limit). Sits inside
/// the retries: each attempt takes a slot, and a call waiting out its backoff holds none.
/// </summary>
public sealed class ConcurrencyLimitingChatClient(IChatClient inner, IEndpointGate gate) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        await using var lease = await gate.EnterAsync(cancellationToken);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            lease.Report(AttemptOutcome.Succeeded);
            return response;
        }
        catch (Exception ex)
        {
            lease.Report(ProviderFaults.OutcomeOf(ex));
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var lease = await gate.EnterAsync(cancellationToken);
        await using var stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await stream.MoveNextAsync()) break;
            }
            catch (Exception ex)
            {
                lease.Report(ProviderFaults.OutcomeOf(ex));
                throw;
            }
            // The provider took the request once anything arrives, even if the caller stops reading early.
            lease.Report(AttemptOutcome.Succeeded);
            yield return stream.Current;
        }
        lease.Report(AttemptOutcome.Succeeded);
    }
}
