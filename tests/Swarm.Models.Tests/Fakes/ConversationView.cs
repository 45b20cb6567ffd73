using System.Text.Json;

namespace Swarm.Testing.Fakes;

/// <summary>A tool call as the assistant made it earlier in the conversation.</summary>
public sealed record SeenToolCall(string Id, string Name, string Arguments);

/// <summary>One message of the request, reduced to text.</summary>
public sealed record SeenMessage(string Role, string? Content, IReadOnlyList<SeenToolCall> ToolCalls, string? ToolCallId);

/// <summary>A tool result in the request, joined to the call it answers (name and arguments of that call).</summary>
public sealed record SeenToolResult(string CallId, string Name, string Arguments, string Content)
{
    /// <summary>The argument <paramref name="key"/> of the call this result answers, or null.</summary>
    public string? Argument(string key)
    {
        try
        {
            using var doc = JsonDocument.Parse(Arguments);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(key, out var v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The content parsed as JSON (a JSON string holding JSON is unwrapped once), or null when it is not JSON.</summary>
    public JsonElement? Json()
    {
        var text = Content.Trim();
        for (var depth = 0; depth < 2; depth++)
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.String && depth == 0)
                {
                    text = root.GetString() ?? "";
                    continue;
                }
                return root.Clone();
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return null;
    }
}

/// <summary>
/// What a script sees of one /v1/chat/completions request. The server keeps no state between requests: scripts
/// decide from this view (how many assistant turns so far, which tool results are present).
/// </summary>
public sealed class ConversationView
{
    private ConversationView(string model, bool stream, IReadOnlyList<SeenMessage> messages, IReadOnlyList<string> declaredTools, int turnOffset)
    {
        Model = model;
        Stream = stream;
        Messages = messages;
        DeclaredTools = declaredTools;
        TurnOffset = turnOffset;
        ToolResults = BuildToolResults(messages);
    }

    public string Model { get; }
    public bool Stream { get; }
    public IReadOnlyList<SeenMessage> Messages { get; }

    /// <summary>Names of the tools declared in the request's <c>tools</c>.</summary>
    public IReadOnlyList<string> DeclaredTools { get; }

    /// <summary>Tool results in order, each joined to its call.</summary>
    public IReadOnlyList<SeenToolResult> ToolResults { get; }

    private int TurnOffset { get; }

    /// <summary>Assistant messages already in the conversation (minus any offset from <see cref="Skip"/>): 0 on the first request.</summary>
    public int AssistantTurns => Messages.Count(m => m.Role == "assistant") - TurnOffset;

    public string? SystemText => Messages.FirstOrDefault(m => m.Role is "system" or "developer")?.Content;
    public string? LastUserText => Messages.LastOrDefault(m => m.Role == "user")?.Content;

    /// <summary>The latest result of a call to <paramref name="tool"/> (optionally whose arguments match), or null.</summary>
    public SeenToolResult? LastResultOf(string tool, Func<SeenToolResult, bool>? where = null) =>
        ToolResults.LastOrDefault(r => r.Name == tool && (where is null || where(r)));

    /// <summary>The same conversation as if the first <paramref name="turns"/> assistant turns had not happened (for chaining scripts).</summary>
    public ConversationView Skip(int turns) => new(Model, Stream, Messages, DeclaredTools, TurnOffset + turns);

    public static ConversationView Parse(JsonElement request)
    {
        var model = request.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
        var stream = request.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var messages = new List<SeenMessage>();
        if (request.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in list.EnumerateArray())
            {
                var role = Str(message, "role") ?? "";
                var calls = new List<SeenToolCall>();
                if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in toolCalls.EnumerateArray())
                    {
                        var function = call.TryGetProperty("function", out var f) ? f : default;
                        calls.Add(new SeenToolCall(Str(call, "id") ?? "",
                            function.ValueKind == JsonValueKind.Object ? Str(function, "name") ?? "" : "",
                            function.ValueKind == JsonValueKind.Object ? Str(function, "arguments") ?? "" : ""));
                    }
                }
                messages.Add(new SeenMessage(role, ContentText(message), calls, Str(message, "tool_call_id")));
            }
        }
        var tools = new List<string>();
        if (request.TryGetProperty("tools", out var declared) && declared.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in declared.EnumerateArray())
            {
                if (tool.TryGetProperty("function", out var f) && Str(f, "name") is { } name) tools.Add(name);
            }
        }
        return new ConversationView(model, stream, messages, tools, 0);
    }

    private static List<SeenToolResult> BuildToolResults(IReadOnlyList<SeenMessage> messages)
    {
        var calls = new Dictionary<string, SeenToolCall>(StringComparer.Ordinal);
        var results = new List<SeenToolResult>();
        foreach (var message in messages)
        {
            foreach (var call in message.ToolCalls) calls[call.Id] = call;
            if (message.Role == "tool" && message.ToolCallId is { } id)
            {
                calls.TryGetValue(id, out var call);
                results.Add(new SeenToolResult(id, call?.Name ?? "", call?.Arguments ?? "", message.Content ?? ""));
            }
        }
        return results;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content)) return null;
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Array:
                // Content parts: [{type: "text", text: "..."}, ...]
                return string.Concat(content.EnumerateArray().Select(p => Str(p, "text") ?? ""));
            default:
                return null;
        }
    }
}
