using System.Text.Json;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Tools;
using Swarm.Models.Tools;

namespace Swarm.Models.Agents;

/// <summary>
/// One episode of an agent: system and task prompt in, then model turns with tool calls executed by the standard
/// function-invocation middleware until the agent calls finish or runs out of turns. Keeps every message,
/// including the model's visible reasoning, for the transcript.
/// </summary>
public sealed class AgentConversation(IChatClient model)
{
    public async Task<EpisodeResult> RunAsync(
        string systemPrompt,
        string userPrompt,
        IReadOnlyList<string> tools,
        int maxTurns,
        long seed,
        ToolHandler handler,
        CancellationToken cancellationToken = default)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt), new(ChatRole.User, userPrompt) };
        using var invoking = new FunctionInvokingChatClient(model)
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
        var response = await invoking.GetResponseAsync(messages, options, cancellationToken);
        messages.AddRange(response.Messages);

        // Calls to undeclared tools are answered by the middleware and never reach the world; hand them to the
        // world afterwards so the audit trail holds every call the model made.
        foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => !tools.Contains(c.Name)))
        {
            await handler(call.Name, call.Arguments is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(call.Arguments));
        }

        var transcript = Transcribe(messages);
        var finish = LastFinishSummary(messages);
        var finalText = finish ?? messages.LastOrDefault(m => m.Role == ChatRole.Assistant && !string.IsNullOrWhiteSpace(m.Text))?.Text;
        var usage = response.Usage is { } u ? new TokenUsage(u.InputTokenCount ?? 0, u.OutputTokenCount ?? 0) : TokenUsage.Zero;
        return new EpisodeResult(transcript, finalText, finish is not null, usage);
    }

    private static string? LastFinishSummary(IEnumerable<ChatMessage> messages)
    {
        var finishCalls = messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Where(c => c.Name == ToolNames.Finish).ToList();
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => r.Result?.ToString());
        var accepted = finishCalls.LastOrDefault(c => results.TryGetValue(c.CallId, out var r) && r == "ok");
        return accepted?.Arguments?.TryGetValue("summary", out var summary) == true ? AsText(summary) : null;
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
                            result.Exception is { } ex ? "error: " + ex.Message : AsText(result.Result)));
                        break;
                }
            }
        }
        return entries;
    }

    private static string? AsText(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement e => e.GetRawText(),
        _ => value.ToString(),
    };
}
