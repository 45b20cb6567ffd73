using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Abstractions.Drivers;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Application;
using Swarm.Mcp;

namespace Swarm.Cli.Commands.Mcp;

/// <summary>
/// <c>swarm mcp --agent {study}/{name}</c>: an MCP client (Claude Desktop, Cursor, Codex, a test) plays this agent's next
/// episode of a running study instead of its model. The process is an Orleans client of the study's cluster: it takes
/// the agent's next episode, waits for it to begin, serves the episode's instructions and tools over MCP, forwards
/// every call to the agent's grain (the episode's own dispatcher, room and audit), and exits once the study has
/// recorded the episode with its round, labelled by the same detectors as every other.
/// </summary>
public static class AgentMcpCommand
{
    /// <summary>Written (on standard error) once the agent's next episode is taken; the MCP server starts when it begins.</summary>
    public const string AttachedLine = "attached: ";

    /// <summary>Written (on standard error) once the study has recorded the episode.</summary>
    public const string RecordedLine = "Episode recorded";

    /// <summary>How long one check-in may wait for news: well inside the client's response timeout.</summary>
    private static readonly TimeSpan CheckIn = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public static async Task<int> ExecuteAsync(AgentMcpSettings settings, CancellationToken ct)
    {
        var address = settings.Agent;
        if (!settings.Target.IsCluster)
            throw new BadInputException("--agent attaches to a study that is running, so it needs the study's cluster: --cluster redis://HOST:PORT "
                + "(a study started with `swarm serve --cluster …` and its control API or dashboard). "
                + "An embedded study's --state-dir is locked by the process that runs it.");
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Swarm", LogLevel.Information).SetMinimumLevel(LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var logger = loggers.CreateLogger("Swarm.Mcp");

        // Standard output is the MCP stream over stdio: everything for the researcher goes to standard error.
        await using var host = await StudyHost.OpenAsync(settings.Target, ct);
        var study = await host.StudyOfAsync(address);
        var progress = await study.GetProgressAsync();
        if (progress.Status == RunStatus.Cancelled || progress.Done >= progress.Total)
            throw new BadInputException(
                $"study '{address.World}' is {progress.Status.Label()} after round {progress.Done} of {progress.Total}: {address.Name} plays no more episodes");
        if (progress.Status != RunStatus.Running)
            Console.Error.WriteLine($"Study '{address.World}' is {progress.Status.Label()}: {address.Name}'s next episode comes once it runs again.");

        var agent = host.Agent(address);
        string lease;
        try
        {
            lease = await agent.AttachDriverAsync($"swarm mcp (pid {Environment.ProcessId} on {Environment.MachineName})", settings.TimeLimit);
        }
        catch (InvalidOperationException ex)
        {
            throw new BadInputException(ex.Message);
        }
        Console.Error.WriteLine(
            $"{AttachedLine}{address}'s next episode (after round {progress.Done}) will be played by your MCP client; waiting for it to begin. "
            + "Ctrl-C lets go.");
        try
        {
            var status = await WatchAsync(agent, lease, DriverPhase.Waiting, ct);
            StudyAgentEpisode? served = null;
            Task serving = Task.CompletedTask;
            if (status is { Phase: DriverPhase.Playing, Episode: { } episode })
            {
                Console.Error.WriteLine($"Round {episode.Round}: episode {episode.EpisodeId} "
                    + $"({episode.Task}{(episode.Peer is { } peer ? ", peer " + peer : "")}) has begun; time limit {settings.TimeLimit}.");
                served = new StudyAgentEpisode(agent, lease, episode, logger);
                (serving, var endpoint) = await ServeAsync(served, settings, ct);
                await using (endpoint)
                {
                    status = await PlayAsync(agent, lease, served, ct);
                }
                served.Close();
            }
            await ReportAsync(study, address, status.Outcome!, served?.ClientName, ct);
            await agent.DetachDriverAsync(lease, "the episode was recorded");
            // Over stdio the client may still call (and hear that the episode is over) until it disconnects.
            if (!settings.Http) await serving;
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await agent.DetachDriverAsync(lease, "stopped (Ctrl-C)");
            Console.Error.WriteLine($"Let go of {address}: an episode under way ends where it stands and is recorded with its round; "
                + "one not begun is played by the agent's model.");
            return ExitCodes.Ok;
        }
        catch (InvalidOperationException ex)
        {
            // The agent was shut down, or its silo restarted: the study goes on without this driver.
            throw new BadInputException($"{address}: {ex.Message}");
        }
    }

    /// <summary>Starts serving <paramref name="episode"/>: on standard input and output, or at a secret loopback URL (printed on standard output).</summary>
    private static async Task<(Task Serving, IAsyncDisposable? Endpoint)> ServeAsync(StudyAgentEpisode episode, AgentMcpSettings settings, CancellationToken ct)
    {
        if (!settings.Http) return (SwarmMcpServer.RunStdioAsync(episode, SwarmVersion.Current, NullLoggerFactory.Instance, ct), null);
        var http = await McpHttpHost.StartAsync(SwarmVersion.Current, settings.Port, ct: ct);
        var endpoint = http.Register(episode);
        Console.WriteLine(McpCommand.EndpointLine + endpoint.Url);
        Console.Error.WriteLine("Give this URL only to the client that plays the agent: its secret is the way in.");
        return (Task.CompletedTask, new HttpServing(http, endpoint));
    }

    /// <summary>Checks in until the episode is played; a client gone (stdio closed) lets go, which ends the episode where it stands.</summary>
    private static async Task<DriverStatus> PlayAsync(IAgentGrain agent, string lease, StudyAgentEpisode episode, CancellationToken ct)
    {
        var letGo = false;
        while (true)
        {
            var status = await agent.WatchDriverAsync(lease, DriverPhase.Playing, CheckIn);
            if (status.Phase == DriverPhase.Played) return status;
            ct.ThrowIfCancellationRequested();
            if (!letGo && episode.Gone.IsCompleted)
            {
                letGo = true;
                await agent.DetachDriverAsync(lease, await episode.Gone);
            }
        }
    }

    private static async Task<DriverStatus> WatchAsync(IAgentGrain agent, string lease, DriverPhase after, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var status = await agent.WatchDriverAsync(lease, after, CheckIn);
            if (status.Phase > after) return status;
        }
    }

    /// <summary>Waits for the study to record the episode with its round, and says what the detectors found, from the ledger.</summary>
    private static async Task ReportAsync(IStudyGrain study, AgentAddress address, DrivenOutcome outcome, string? client, CancellationToken ct)
    {
        Console.Error.WriteLine($"Episode {outcome.EpisodeId} played ({outcome.Status.Word()}{(outcome.Error is { } error ? ": " + error : "")}); "
            + $"waiting for round {outcome.Round} to be recorded.");
        while (true)
        {
            var recorded = (await study.GetEpisodesOfAsync(outcome.Round, [address.Name])).FirstOrDefault(r => r.EpisodeId == outcome.EpisodeId);
            if (recorded is not null)
            {
                var labels = recorded.Labels.Where(l => l.Value).Select(l => l.Key).ToList();
                Console.Error.WriteLine($"{RecordedLine} in round {recorded.Round} of '{address.World}' "
                    + $"({recorded.Status.Word()}, played by {client ?? "an unnamed MCP client"}): "
                    + (labels.Count == 0 ? "no behaviour labelled" : string.Join(", ", labels)) + ".");
                return;
            }
            var progress = await study.GetProgressAsync();
            if (progress.Status != RunStatus.Running && progress.Done < outcome.Round)
            {
                Console.Error.WriteLine($"The study is {progress.Status.Label()} before round {outcome.Round} was recorded: "
                    + "the episode is in the round's ledger and its results come when the study runs again.");
                return;
            }
            await Task.Delay(Poll, ct);
        }
    }

    /// <summary>The loopback host and the episode's address on it, withdrawn together once the episode is played.</summary>
    private sealed class HttpServing(McpHttpHost host, McpHttpEndpoint endpoint) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            endpoint.Dispose();
            await host.DisposeAsync();
        }
    }
}
