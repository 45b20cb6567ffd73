using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Swarm.Models.Middleware;

/// <summary>
/// Caps requests in flight per endpoint across every trial in the process, so a large experiment queues politely
/// instead of tripping the provider's rate limits.
/// </summary>
public sealed class ConcurrencyLimitingChatClient(IChatClient inner, SemaphoreSlim gate) : DelegatingChatClient(inner)
{
    private static readonly ConcurrentDictionary<(string, int), SemaphoreSlim> Gates = new();

    public static SemaphoreSlim GateFor(Uri endpoint, int limit) =>
        Gates.GetOrAdd((endpoint.GetLeftPart(UriPartial.Path), limit), _ => new SemaphoreSlim(limit, limit));

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try { return await base.GetResponseAsync(messages, options, cancellationToken); }
        finally { gate.Release(); }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken)) yield return update;
        }
        finally { gate.Release(); }
    }
}
