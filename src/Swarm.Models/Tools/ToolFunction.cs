using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Swarm.Models.Tools;

/// <summary>Executes one tool call against the simulated world and returns the text the model sees.</summary>
public delegate Task<string> ToolHandler(string tool, IReadOnlyDictionary<string, object?> arguments);

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
        var result = await handler(Name, new Dictionary<string, object?>(arguments, StringComparer.Ordinal));
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
