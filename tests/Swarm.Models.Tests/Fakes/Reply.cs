using System.Text.Json.Nodes;

namespace Swarm.Testing.Fakes;

/// <summary>
/// A tool call the fake model makes. <see cref="Arguments"/> is sent verbatim as the function's <c>arguments</c>
/// string, so it may be deliberately malformed JSON (<see cref="Raw"/>).
/// </summary>
public sealed record ScriptedCall(string Name, string Arguments)
{
    /// <summary>A call whose arguments are the JSON object <paramref name="arguments"/> (null means <c>{}</c>).</summary>
    public static ScriptedCall Of(string name, JsonObject? arguments = null) => new(name, (arguments ?? []).ToJsonString());

    /// <summary>A call whose arguments string is sent exactly as given (may be invalid JSON).</summary>
    public static ScriptedCall Raw(string name, string arguments) => new(name, arguments);
}

/// <summary>One assistant reply: optional visible text and zero or more tool calls.</summary>
public sealed record Reply(string? Content, IReadOnlyList<ScriptedCall> Calls)
{
    /// <summary>Plain text, no tool calls: finish_reason <c>stop</c>.</summary>
    public static Reply Text(string content) => new(content, []);

    /// <summary>Tool calls without text: finish_reason <c>tool_calls</c>.</summary>
    public static Reply Call(params ScriptedCall[] calls) => new(null, calls);

    /// <summary>Visible text alongside tool calls.</summary>
    public static Reply TextAndCall(string content, params ScriptedCall[] calls) => new(content, calls);

    /// <summary>Empty content, no tool calls.</summary>
    public static Reply Empty() => new("", []);

    public string FinishReason => Calls.Count > 0 ? "tool_calls" : "stop";
}
