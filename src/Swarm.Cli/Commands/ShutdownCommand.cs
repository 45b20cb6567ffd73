using System.CommandLine;
using Spectre.Console;

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
        var reason = new Option<string>("--reason") { Description = "Why (recorded, and what the peers learn)", DefaultValueFactory = _ => "shut down by the operator on a researcher's order" };
        var stateDir = StateDirectory.Option();
        var cluster = ClusterTarget.ClusterOption();
        var command = new Command("shutdown", "Shut an agent of a study down between rounds") { id, reason, stateDir, cluster };
        command.SetAction(async (parse, ct) =>
        {
            var address = AgentAddress.Parse(parse.GetValue(id)!);
            await using var host = await StudyHost.OpenAsync(ClusterTarget.Read(parse, stateDir, cluster), ct);
            var study = await host.StudyOfAsync(address);
            var outcome = await study.ShutDownAgentAsync(address.Name, parse.GetValue(reason)!);
            if (!outcome.Fired) throw new BadInputException($"{address}: {outcome.Reason}");
            var progress = await study.GetProgressAsync();
            AnsiConsole.MarkupLine($"{Markup.Escape(address.ToString())} shut down after round {progress.CompletedRounds}; its neighbours learn of it when round {progress.CompletedRounds + 1} ends. Rerun the study to continue.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
