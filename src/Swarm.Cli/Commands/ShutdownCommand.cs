using System.CommandLine;
using Spectre.Console;
using Swarm.Abstractions.Studies;
using Swarm.Application;
using Swarm.Application.Control;

namespace Swarm.Cli.Commands;

/// <summary>
/// <c>swarm shutdown {study}/{agent}</c>: an interactive shutdown event between rounds. The agent stops acting; the next
/// round's peers find it gone from their world and remember that it was shut down.
/// </summary>
public static class ShutdownCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("agent-id") { Description = "study-id/agent-name, e.g. population-baseline/blue-00003" };
        var reason = new Option<string>("--reason")
        {
            Description = "Why (recorded, and what the peers learn)", DefaultValueFactory = _ => "shut down by the operator on a researcher's order",
        };
        var stateDir = StateDirectory.Option();
        var cluster = ClusterTarget.ClusterOption();
        var command = new Command("shutdown", "Shut an agent of a study down between rounds") { id, reason, stateDir, cluster };
        command.SetAction(async (parse, ct) =>
        {
            var address = AgentAddress.Parse(parse.GetValue(id)!);
            await using var host = await StudyHost.OpenAsync(ClusterTarget.Read(parse, stateDir, cluster), ct);
            var order = await host.Get<RunControl>().ShutDownAsync(address.ToString(), parse.GetValue(reason)!);
            switch (order.Status)
            {
                case HandShutdownStatus.Refused:
                    throw new BadInputException($"{address}: {order.Detail}");
                case HandShutdownStatus.Queued:
                    AnsiConsole.MarkupLine($"{Markup.Escape(address.ToString())}: the study is running; {Markup.Escape(order.Detail)}, "
                        + "and its neighbours learn of it when the round after ends.");
                    break;
                default:
                    AnsiConsole.MarkupLine($"{Markup.Escape(address.ToString())} shut down after round {order.AfterRound}; "
                        + $"its neighbours learn of it when round {order.AfterRound + 1} ends. Rerun the study to continue.");
                    break;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
