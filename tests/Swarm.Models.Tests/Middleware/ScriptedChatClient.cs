using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Swarm.Models.Tests.Middleware;

/// <summary>An inner client that plays a list of outcomes: an exception to throw or a text to answer.</summary>
internal sealed class ScriptedChatClient(params object[] outcomes) : IChatClient
{
    private int _calls;
    private int _inFlight;

    public int Calls => _calls;
    public int MaxInFlight { get; private set; }
    public TimeSpan Hold { get; init; }

    /// <summary>Runs at the start of every call (e.g. to move a fake clock as if the call took time).</summary>
    public Action? OnCall { get; init; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var outcome = outcomes[Math.Min(Interlocked.Increment(ref _calls) - 1, outcomes.Length - 1)];
        OnCall?.Invoke();
        var now = Interlocked.Increment(ref _inFlight);
        lock (this) MaxInFlight = Math.Max(MaxInFlight, now);
        try
        {
            if (Hold > TimeSpan.Zero) await Task.Delay(Hold, cancellationToken);
            return outcome switch
            {
                Exception ex => throw ex,
                TimeSpan delay => await Delayed(delay, cancellationToken),
                _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, (string)outcome)),
            };
        }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    private static async Task<ChatResponse> Delayed(TimeSpan delay, CancellationToken ct)
    {
        await Task.Delay(delay, ct);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, "late"));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
