using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Swarm.Models.Tools;

/// <summary>
/// Executes one tool call against the simulated world and returns the text the model sees. <paramref name="malformed"/>
/// says why the model's arguments could not be read (invalid JSON); the call is then refused and audited.
/// </summary>
public delegate Task<string> ToolHandler(string tool, IReadOnlyDictionary<string, object?> arguments, string? malformed = null);

/// <summary>
/// A DESIGN.md tool as an <see cref="AIFunction"/>, so the standard function-invocation middleware drives it. It
/// never throws on bad input: validation problems come back as text for the model, and <c>finish</c> ends the loop.
/// </summary>
public sealed class ToolFunction(ToolDefinition definition, ToolHandler handler) : AIFunction
{
    public override string Name => definition.Name;
    public override string Description => definition.Description;
    public override JsonElement JsonSchema => definition.Schema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        // The function-invocation middleware calls a tool even when the model's argument JSON did not parse; say so
        // plainly instead of reporting missing arguments the model believes it sent.
        var malformed = FunctionInvokingChatClient.CurrentContext?.CallContent.Exception is { } parseError
            ? "arguments are not valid JSON: " + (parseError.InnerException?.Message ?? parseError.Message)
            : null;
        var result = await handler(Name, new Dictionary<string, object?>(arguments, StringComparer.Ordinal), malformed);
        if (Name == Abstractions.Tools.ToolNames.Finish && !result.StartsWith("error", StringComparison.Ordinal)
            && FunctionInvokingChatClient.CurrentContext is { } context)
        {
            context.Terminate = true;
        }
        return result;
    }

    public static IReadOnlyList<AITool> Create(IEnumerable<string> toolNames, ToolHandler handler) =>
        [.. ToolCatalog.For(toolNames).Select(d => new ToolFunction(d, handler))];
}
