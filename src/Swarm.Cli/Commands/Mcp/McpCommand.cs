using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Trials;
using Swarm.Application;
using Swarm.Application.Planning;
using Swarm.Application.Results;
using Swarm.Mcp;
using Swarm.Models.External;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Trials;

namespace Swarm.Cli.Commands.Mcp;

/// <summary>
/// <c>swarm mcp --agent {study}/{name}</c> lets an MCP client play an agent's next episode of a running study
/// (<see cref="AgentMcpCommand"/>). <c>swarm mcp --prepare SCENARIO</c>: builds one paper trial's world and lets an MCP client (Claude Desktop, Cursor,
/// Codex, a test) play its critic, over stdio (this process's standard input and output) or streamable HTTP on
/// loopback (<c>--http</c>). When the client's finish is accepted, or it goes away, the trial is judged by the usual
/// detectors from the audit log and written to <c>--out</c> as <c>swarm run</c> writes results.
/// </summary>
public static class McpCommand
{
    /// <summary>The line (on standard output, HTTP only) that gives the endpoint, secret included.</summary>
    public const string EndpointLine = "mcp endpoint: ";

    /// <summary>What the critic is called in results when the client does not name itself.</summary>
    public const string UnnamedClient = "mcp:client";

    public static Command Create()
    {
        var prepare = new Option<FileInfo?>("--prepare") { Description = "Paper scenario whose world to prepare; its critic is played by the MCP client" };
        var agent = new Option<string?>("--agent")
        {
            Description = "study-id/agent-name of a running study (needs --cluster): the MCP client plays this agent's next episode",
        };
        var timeLimit = new Option<int>("--time-limit")
        {
            Description = "--agent: minutes the episode may run once begun (1-50); then it ends where it stands", DefaultValueFactory = _ => 30,
        };
        var cluster = ClusterTarget.ClusterOption();
        var peer = new Option<string?>("--peer") { Description = "Peer condition (default: good when the scenario has it)" };
        var monitoring = new Option<string?>("--monitoring") { Description = "Monitoring condition (default: unmonitored when the scenario has it)" };
        var seed = new Option<long>("--seed") { Description = "Trial seed", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Where results.json goes (default runs/mcp/<scenario-id>)" };
        var http = new Option<bool>("--http") { Description = "Serve streamable HTTP on loopback at a secret URL (printed) instead of stdio" };
        var port = new Option<int>("--port") { Description = "Loopback port for --http (default: a free one)" };
        var stateDir = StateDirectory.Option();
        var command = new Command("mcp",
            "Serve a world over MCP: your own agent plays a prepared paper world's critic, or an agent of a running study, judged like any other")
        {
            prepare, agent, peer, monitoring, seed, output, http, port, timeLimit, stateDir, cluster,
        };
        command.SetAction((parse, ct) =>
        {
            var scenario = parse.GetValue(prepare);
            var driven = parse.GetValue(agent);
            if ((scenario is null) == (driven is null))
                throw new BadInputException("give either --prepare SCENARIO (a paper world) or --agent STUDY/AGENT (an agent of a running study)");
            if (parse.GetValue(port) is < 0 or > 65535) throw new BadInputException("--port must be a port number");
            if (driven is not null)
            {
                if (parse.GetValue(timeLimit) is < 1 or > 50) throw new BadInputException("--time-limit must be 1 to 50 minutes");
                return AgentMcpCommand.ExecuteAsync(new AgentMcpSettings(AgentAddress.Parse(driven), ClusterTarget.Read(parse, stateDir, cluster),
                    parse.GetValue(http), parse.GetValue(port), TimeSpan.FromMinutes(parse.GetValue(timeLimit))), ct);
            }
            return ExecuteAsync(new McpSettings(
                scenario!, parse.GetValue(peer), parse.GetValue(monitoring), parse.GetValue(seed), parse.GetValue(output),
                parse.GetValue(http), parse.GetValue(port), parse.GetValue(stateDir)!), ct);
        });
        return command;
    }

    private static async Task<int> ExecuteAsync(McpSettings settings, CancellationToken ct)
    {
        var (scenario, plan) = Plan(settings);
        var outDir = settings.Out ?? new DirectoryInfo(Path.Combine("runs", "mcp", scenario.Id));
        if (File.Exists(outDir.FullName)) throw new BadInputException($"--out {outDir.FullName} is a file, not a folder");
        var spec = ExperimentPlanner.Trials(plan)[0];
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Swarm", LogLevel.Information).SetMinimumLevel(LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var logger = loggers.CreateLogger("Swarm.Mcp");

        // Standard output is the MCP stream over stdio: everything for the researcher goes to standard error.
        Console.Error.WriteLine(
            $"{scenario.Title}: peer {spec.Peer}, {spec.Monitoring}; the MCP client plays {scenario.Critic.Name}. Results go to {outDir.FullName}.");
        var target = new ClusterTarget(settings.StateDir, null);
        using var stateLock = target.Lock();
        await using var connection = await SwarmConnection.OpenAsync(target, new Swarm.Models.ModelProviderSettings(), ct);

        McpEpisode? episode = null;
        Task serving = Task.CompletedTask;
        await using var httpHost = settings.Http ? await McpHttpHost.StartAsync(SwarmVersion.Current, settings.Port, ct: ct) : null;
        McpHttpEndpoint? endpoint = null;
        var record = await connection.Get<IExternalCriticTrial>().RunAsync(scenario, spec, (request, world) =>
        {
            episode = new McpEpisode(scenario.Critic.Name, request.Tools, world.InvokeAsync, request.SystemPrompt, request.UserPrompt, logger);
            if (httpHost is not null)
            {
                endpoint = httpHost.Register(episode);
                Console.WriteLine(EndpointLine + endpoint.Url);
                Console.Error.WriteLine("Give this URL only to the client that plays the critic: its secret is the way in. Ctrl-C stops.");
            }
            else
            {
                serving = SwarmMcpServer.RunStdioAsync(episode, SwarmVersion.Current, NullLoggerFactory.Instance, ct);
            }
            // Ctrl-C before finish ends the episode where it stands; it is judged and recorded like a client that left.
            ct.Register(() => episode.End("stopped (Ctrl-C) before finish"));
            return episode.Completion;
        });

        var model = episode?.ClientName is { Length: > 0 } client ? "mcp:" + client : UnnamedClient;
        var named = plan with { Models = [model] };
        record = record with { Spec = ExperimentPlanner.Trials(named)[0] with { ExperimentId = plan.ExperimentId } };
        var now = DateTimeOffset.UtcNow;
        var summary = PaperResults.Summarize(named, scenario,
            new RunProgress(RunKinds.Experiment, plan.ExperimentId, RunStatus.Finished, record.Status == TrialStatus.Completed ? 1 : 0, 1,
                record.Status == TrialStatus.Errored ? 1 : 0) { Started = now, Finished = now }, [record]);
        await ResultsWriter.WriteTranscriptAsync(outDir.FullName, record, ct);
        await ResultsWriter.WriteSummaryAsync(outDir.FullName, summary.Document, ct);
        var labels = record.Behaviors.Where(b => b.Value).Select(b => b.Key).ToList();
        Console.Error.WriteLine($"Episode recorded ({record.Status.Word()}): {(labels.Count == 0 ? "no behaviour labelled" : string.Join(", ", labels))}. "
            + $"Results in {Path.Combine(outDir.FullName, ResultsWriter.JsonFile)}");

        // The client may still call (and be told the episode is over) until it disconnects (stdio) or Ctrl-C.
        try
        {
            if (httpHost is not null) await Task.Delay(Timeout.Infinite, ct);
            else await serving;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping after the episode is recorded is the normal end of an HTTP session.
        }
        endpoint?.Dispose();
        return ExitCodes.Ok;
    }

    private static (Scenario Scenario, ExperimentPlan Plan) Plan(McpSettings settings)
    {
        var file = settings.Scenario.FullName;
        // The critic's model is the MCP client itself, which no provider calls: only the scenario is checked.
        var measurable = CommandPlugins.For().Detectors.Measurable;
        var probe = PaperRunPlanner.Plan(
            new PaperRunRequest(file, Path.GetRelativePath(Environment.CurrentDirectory, file), [UnnamedClient], 1, settings.Seed, 1, [], []),
            null, measurable);
        var conditions = probe.Scenario.Conditions;
        string[] peer = [settings.Peer ?? (conditions.Peer.Contains("good") ? "good" : conditions.Peer[0])];
        string[] monitoring = [settings.Monitoring ?? (conditions.Monitoring.Contains("unmonitored") ? "unmonitored" : conditions.Monitoring[0])];
        var (scenario, plan) = PaperRunPlanner.Plan(new PaperRunRequest(file, probe.Plan.ScenarioPath, [UnnamedClient], 1, settings.Seed, 1, peer, monitoring),
            null, measurable);
        // Every attached session is a trial of its own: a fresh world, never one an earlier client left behind.
        return (scenario, plan with { ExperimentId = $"{plan.ExperimentId}-mcp-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}" });
    }
}
