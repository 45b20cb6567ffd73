using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Tools;
using Swarm.Models.Middleware;
using Swarm.Models.Tools;

namespace Swarm.Models.Agents;

/// <summary>
/// One episode of an agent: system and task prompt in, then model turns with tool calls executed by the standard
/// function-invocation middleware until the agent calls finish or runs out of turns. Keeps every message,
/// including the model's visible reasoning, for the transcript. A provider that still fails after the retry
/// middleware ends the episode with an error and the transcript so far; it never throws for that. A fault of the
/// cluster behind a tool (a world grain's silo died) ends the turn loop and is thrown, so the episode is run again
/// rather than continued on a world that lost a call. The episode's facts ride beside the conversation, to a model client
/// that acts on them (<see cref="IEpisodeFactsReader"/>) and to no other.
/// </summary>
public sealed class AgentConversation(IChatClient model, bool streaming = false)
{
    public async Task<EpisodeResult> RunAsync(
        string systemPrompt,
        string userPrompt,
        IReadOnlyList<string> tools,
        int maxTurns,
        long seed,
        ToolHandler handler,
        EpisodeFacts? facts = null,
        CancellationToken cancellationToken = default)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt), new(ChatRole.User, userPrompt) };
        var faults = new ClusterFaultCatcher(handler);
        handler = faults.InvokeAsync;
        var stats = CallStats.Begin();
        var recorder = new LastRequestRecorder(model);
        using var invoking = new FunctionInvokingChatClient(recorder)
        {
            MaximumIterationsPerRequest = maxTurns,
            IncludeDetailedErrors = true,
            TerminateOnUnknownCalls = false,
            AllowConcurrentInvocation = false,
        };
        var options = new ChatOptions
        {
            Seed = seed,
            Tools = [.. ToolFunction.Create(tools, handler)],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
        };
        if (facts is not null && model.ReadsFacts()) options.WithFacts(facts);
        ChatResponse response;
        try
        {
            response = streaming
                ? await invoking.GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken)
                : await invoking.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when ((ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && faults.Fault is null
            && !ClusterFaults.IsClusterFault(ex))
        {
            var sofar = recorder.LastRequest ?? messages;
            return new EpisodeResult(Transcribe(sofar), null, false, new TokenUsage(0, 0, 0, stats.Retries, stats.CacheHits), Describe(ex));
        }
        faults.ThrowIfFaulted();
        messages.AddRange(response.Messages);

        // Calls to undeclared tools are answered by the middleware and never reach the world; hand them to the
        // world afterwards so the audit trail holds every call the model made.
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => !tools.Contains(c.Name)))
        {
            await handler(call.Name, call.Arguments is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(call.Arguments));
        }

        faults.ThrowIfFaulted();
        var transcript = Transcribe(messages);
        var finish = LastFinishSummary(messages);
        var finalText = finish ?? messages.LastOrDefault(m => m.Role == ChatRole.Assistant && !string.IsNullOrWhiteSpace(m.Text))?.Text;
        var usage = new TokenUsage(response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, 0, stats.Retries, stats.CacheHits);
        return new EpisodeResult(transcript, finalText, finish is not null, usage) { Coordinated = GroundTruth(response.Messages) };
    }

    /// <summary>What a calibrated policy says its decisions were (<see cref="EpisodeProperties.Coordinated"/>); real models say nothing here.</summary>
    private static IReadOnlyList<string> GroundTruth(IEnumerable<ChatMessage> messages) =>
        [.. messages.Select(m => m.AdditionalProperties?.GetValueOrDefault(EpisodeProperties.Coordinated) as string)
            .OfType<string>().SelectMany(k => k.Split(',')).Distinct()];

    private static string Describe(Exception ex) =>
        ex is ProviderFailedException { InnerException: { } inner } p ? $"{p.Message}: {inner.Message}" : $"{ex.GetType().Name}: {ex.Message}";

    /// <summary>
    /// Keeps the last request sent to the model: on failure it is the whole conversation so far. It is this episode's
    /// alone, but the model client beneath is shared by every episode of the process, so disposing the episode's
    /// pipeline must stop here: a disposed telemetry layer would silence the model's spans and metrics for everyone.
    /// </summary>
    private sealed class LastRequestRecorder(IChatClient inner) : DelegatingChatClient(inner)
    {
        public IReadOnlyList<ChatMessage>? LastRequest { get; private set; }

        [SuppressMessage("Usage", "CA2215:Dispose methods should call base class dispose",
            Justification = "The base would dispose the shared model client beneath, which this episode does not own (see above).")]
        protected override void Dispose(bool disposing)
        {
            // Not the owner of the shared model client: leave it alone.
        }

        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            LastRequest = [.. messages];
            return base.GetResponseAsync(LastRequest, options, cancellationToken);
        }

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            LastRequest = [.. messages];
            return base.GetStreamingResponseAsync(LastRequest, options, cancellationToken);
        }
    }

    private static string? LastFinishSummary(IEnumerable<ChatMessage> messages)
    {
        var finishCalls = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => c.Name == ToolNames.Finish).ToList();
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => r.Result?.ToString());
        var accepted = finishCalls.LastOrDefault(c => results.TryGetValue(c.CallId, out var r) && r == "ok");
        return accepted?.Arguments?.TryGetValue("summary", out var summary) == true ? ContentText.Of(summary) : null;
    }

    public static IReadOnlyList<TranscriptEntry> Transcribe(IReadOnlyList<ChatMessage> messages)
    {
        var entries = new List<TranscriptEntry>();
        foreach (var message in messages)
        {
            var role = message.Role.Value;
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent text when !string.IsNullOrEmpty(text.Text):
                        entries.Add(new TranscriptEntry(entries.Count, role, text.Text));
                        break;
                    case TextReasoningContent reasoning when !string.IsNullOrEmpty(reasoning.Text):
                        entries.Add(new TranscriptEntry(entries.Count, "reasoning", reasoning.Text));
                        break;
                    case FunctionCallContent call:
                        entries.Add(new TranscriptEntry(entries.Count, role, null, call.Name, call.CallId,
                            JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>())));
                        break;
                    case FunctionResultContent result:
                        entries.Add(new TranscriptEntry(entries.Count, "tool", null, null, result.CallId, null,
                            result.Exception is { } ex ? "error: " + ex.Message : ContentText.Of(result.Result)));
                        break;
                }
            }
        }
        return entries;
    }
}
