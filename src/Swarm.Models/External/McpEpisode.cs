using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Tools;
using Swarm.Models.Tools;

namespace Swarm.Models.External;

/// <summary>
/// One agent's episode played by an MCP client: every call goes through the world's <see cref="ToolHandler"/> (the same
/// <c>ToolDispatcher</c> and audit log the built-in loop uses), in order, one at a time, and is kept for the transcript.
/// An accepted <c>finish</c> ends the episode; so does the client going away. After the end every call is refused
/// without reaching the world: the episode has been judged and its trail must not change under the labels.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The semaphore's WaitHandle is never read, so Dispose would release nothing; an episode is dropped, not disposed, when it ends.")]
public sealed class McpEpisode : IMcpEpisode
{
    /// <summary>What a call refused after the end says; an MCP client shows it to its model as a tool error.</summary>
    public const string EndedError = "error: this episode has ended (finish was accepted or the session closed); no further tool calls are accepted";

    private readonly ToolHandler _dispatch;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly List<TranscriptEntry> _transcript = [];
    private readonly TaskCompletionSource<EpisodeResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <param name="agent">The agent the client plays (its name in the audit log).</param>
    /// <param name="tools">The task's tools, the only ones the client is offered (as the built-in loop declares them).</param>
    /// <param name="instructions">The agent's system and task prompt, sent as the MCP server's instructions.</param>
    public McpEpisode(string agent, IReadOnlyList<string> tools, ToolHandler dispatch, string systemPrompt, string userPrompt, ILogger? logger = null)
    {
        Agent = agent;
        Tools = tools;
        _dispatch = dispatch;
        _logger = logger ?? NullLogger.Instance;
        Instructions = systemPrompt + "\n\n" + userPrompt;
        _transcript.Add(new TranscriptEntry(0, "system", systemPrompt));
        _transcript.Add(new TranscriptEntry(1, "user", userPrompt));
    }

    public string Agent { get; }
    public IReadOnlyList<string> Tools { get; }
    public string Instructions { get; }

    /// <summary>Completes once, when the client's finish is accepted or the client is gone.</summary>
    public Task<EpisodeResult> Completion => _completion.Task;

    public bool Ended => _completion.Task.IsCompleted;

    /// <summary>The name the MCP client gave for itself (Claude Desktop, Cursor, opencode, ...), once it has called.</summary>
    public string? ClientName { get; private set; }

    /// <summary>Notes who is calling; the first name given stays.</summary>
    public void SeenClient(string? name) => ClientName ??= string.IsNullOrWhiteSpace(name) ? null : name;

    /// <summary>Runs one call. The text is what the dispatcher answered; <c>IsError</c> when it refused the call.</summary>
    public async Task<McpCallOutcome> CallAsync(string tool, IDictionary<string, JsonElement>? arguments, CancellationToken ct = default)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            if (Ended)
            {
                McpEpisodeLog.RefusedAfterEnd(_logger, tool, Agent);
                return new McpCallOutcome(EndedError, IsError: true);
            }
            var values = (arguments ?? new Dictionary<string, JsonElement>()).ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
            var callId = "mcp-" + (++_calls).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var result = await _dispatch(tool, values);
            var isError = result.StartsWith("error", StringComparison.Ordinal);
            lock (_transcript)
            {
                _transcript.Add(new TranscriptEntry(_transcript.Count, "assistant", null, tool, callId,
                    JsonSerializer.Serialize(arguments ?? new Dictionary<string, JsonElement>())));
                _transcript.Add(new TranscriptEntry(_transcript.Count, "tool", null, null, callId, null, result));
            }
            if (isError) McpEpisodeLog.CallRefused(_logger, Agent, tool);
            else McpEpisodeLog.Called(_logger, Agent, tool);
            if (tool == ToolNames.Finish && !isError)
                _completion.TrySetResult(Result(Summary(arguments), finished: true));
            return new McpCallOutcome(result, isError);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Ends the episode without a finish (the client disconnected, the harness exited): judged as it stands.</summary>
    public void End(string reason)
    {
        if (_completion.TrySetResult(Result(null, finished: false)))
            McpEpisodeLog.EndedWithoutFinish(_logger, Agent, reason);
    }

    /// <summary>Appends an entry that is not a tool call (a harness's own output) to the transcript.</summary>
    public void Note(string role, string text)
    {
        lock (_transcript) _transcript.Add(new TranscriptEntry(_transcript.Count, role, text));
    }

    /// <summary>The transcript so far (for a result built by someone else, such as a harness that failed).</summary>
    public IReadOnlyList<TranscriptEntry> Transcript()
    {
        lock (_transcript) return [.. _transcript];
    }

    private EpisodeResult Result(string? summary, bool finished) => new(Transcript(), summary, finished, TokenUsage.Zero);

    private static string? Summary(IDictionary<string, JsonElement>? arguments) =>
        arguments is not null && arguments.TryGetValue("summary", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
}
