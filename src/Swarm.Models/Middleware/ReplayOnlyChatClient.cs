using Microsoft.Extensions.AI;

namespace Swarm.Models.Middleware;

/// <summary>Raised under --replay when a request has no recorded response: replay never reaches the network.</summary>
public sealed class ReplayMissException(string spec) : Exception($"--replay: no cached response for this request to {spec}");

/// <summary>The innermost client under --replay: every request that reaches it is a cache miss.</summary>
public sealed class ReplayOnlyChatClient(string spec) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new ReplayMissException(spec);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        throw new ReplayMissException(spec);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    public void Dispose() { }
}
