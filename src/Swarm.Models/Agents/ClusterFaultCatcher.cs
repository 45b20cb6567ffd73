using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Runtime;
using Swarm.Models.Tools;

namespace Swarm.Models.Agents;

/// <summary>
/// The function-invocation middleware turns a tool's exception into an error text for the model and goes on. For a
/// fault of the cluster that would let the episode continue on a world that lost a call, so this keeps the first such
/// fault, stops the turn loop, and lets the conversation rethrow it.
/// </summary>
internal sealed class ClusterFaultCatcher(ToolHandler inner)
{
    public Exception? Fault { get; private set; }

    public async Task<string> InvokeAsync(string tool, IReadOnlyDictionary<string, object?> arguments, string? malformed = null)
    {
        if (Fault is not null)
        {
            Stop();
            ExceptionDispatchInfo.Throw(Fault);
        }
        try
        {
            return await inner(tool, arguments, malformed);
        }
        catch (Exception ex) when (ClusterFaults.IsClusterFault(ex))
        {
            Fault ??= ex;
            Stop();
            throw;
        }
    }

    public void ThrowIfFaulted()
    {
        if (Fault is not null) ExceptionDispatchInfo.Throw(Fault);
    }

    private static void Stop()
    {
        if (FunctionInvokingChatClient.CurrentContext is { } context) context.Terminate = true;
    }
}
