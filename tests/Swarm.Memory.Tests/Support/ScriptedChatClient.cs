using Microsoft.Extensions.AI;

namespace Swarm.Memory.Tests.Support;

/// <summary>Answers every call with the same text (or throws the given exception), and remembers what it was asked.</summary>
internal sealed class ScriptedChatClient(string? answer, Exception? failure = null) : IChatClient
{
    public int Calls { get; private set; }
    public List<ChatMessage> LastMessages { get; private set; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        LastMessages = [.. messages];
        if (failure is not null) throw failure;
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer ?? "")));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
