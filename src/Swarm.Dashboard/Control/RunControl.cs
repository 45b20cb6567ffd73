using Swarm.Abstractions.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Models;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Runs;

namespace Swarm.Dashboard.Control;

/// <summary>
/// What an operator can do to the runs of a cluster from outside a <c>swarm</c> command: list them, start a paper run
/// or a study, pause and resume one, and order an agent shut down (through the study's operator). Checks requests as
/// the CLI does (same planners, same messages) and works on the grains alone, so it serves the control API, the Aspire
/// dashboard's commands and, later, the Swarm dashboard's pages.
/// </summary>
public sealed class RunControl(
    IGrainFactory grains, IModelCatalog models, DetectorSet detectors, IOptions<DashboardOptions> options, ILogger<RunControl> logger)
{
    private static readonly TimeSpan PauseDrain = TimeSpan.FromSeconds(5);

    private IRunRegistryGrain Registry => grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key);

    /// <summary>Every run registered, each read on its own: one whose grain fails to answer is listed as faulted, with why.</summary>
    public async Task<IReadOnlyList<RunView>> ListAsync() => await Task.WhenAll((await Registry.ListAsync()).Select(ViewAsync));

    /// <summary>The silos of the cluster that are up, as its membership table lists them.</summary>
    public async Task<IReadOnlyList<SiloView>> SilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return [.. hosts.Select(h => new SiloView(h.SiloAddress.ToParsableString(), h.SiloName, h.Status.ToString(), h.StartTime))];
    }

    public Catalog Catalog()
    {
        var root = Root;
        string[] Yamls(string folder) => Directory.Exists(Path.Combine(root, folder))
            ? [.. Directory.EnumerateFiles(Path.Combine(root, folder), "*.yaml").Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
            : [];
        return new Catalog(Yamls(Path.Combine("scenarios", "paper")), Yamls(Path.Combine("scenarios", "studies")));
    }

    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    public async Task<RunView> StartPaperRunAsync(PaperRunBody body)
    {
        var run = PaperRunPlanner.Plan(new PaperRunRequest(Resolve(body.Scenario, "scenario"), body.Scenario, body.Models ?? [], body.Trials, body.Seed,
            body.Concurrency, body.Peers ?? [], body.Monitorings ?? []), models, detectors.Measurable);
        await grains.GetGrain<IExperimentGrain>(run.Plan.ExperimentId).StartAsync(run.Plan);
        RunControlLog.ExperimentStarted(logger, run.Plan.ExperimentId, body.Scenario, string.Join(", ", run.Plan.Models), body.Trials);
        return await ViewAsync(await EntryAsync(run.Plan.ExperimentId));
    }

    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    public async Task<IReadOnlyList<RunView>> StartStudyAsync(StudyRunBody body)
    {
        // One session: a cluster outlives any one command, so there is no restart between sessions to model.
        var run = StudyRunPlanner.Plan(new StudyRunRequest(Resolve(body.Study, "study"), body.Agents, body.Rounds, 1, body.Seed, body.Models ?? [],
            AllTranscripts: false, body.Concurrency), models, detectors.Measurable);
        try
        {
            await Task.WhenAll(run.Arms.Select(plan => grains.GetGrain<IStudyGrain>(plan.World).StartAsync(plan, 1, run.Rounds)));
        }
        catch (InvalidOperationException ex)
        {
            throw new RunRequestException(null, ex.Message);
        }
        RunControlLog.StudyStarted(logger, run.Study.Id, run.Agents, run.Rounds, run.Arms.Count);
        return await Task.WhenAll(run.Arms.Select(async plan => await ViewAsync(await EntryAsync(plan.World))));
    }

    /// <summary>Pauses an experiment, a study arm, or every arm of a study.</summary>
    /// <exception cref="RunNotFoundException">No run has that id.</exception>
    public Task<IReadOnlyList<RunView>> PauseAsync(string id) => ActAsync(id, run => run.PauseAsync(PauseDrain));

    /// <summary>Cancels an experiment, a study arm, or every arm of a study, for good; what finished is kept.</summary>
    /// <exception cref="RunNotFoundException">No run has that id.</exception>
    public async Task<IReadOnlyList<RunView>> CancelAsync(string id)
    {
        var views = await ActAsync(id, run => run.CancelAsync(PauseDrain));
        RunControlLog.Cancelled(logger, id);
        return views;
    }

    /// <exception cref="RunNotFoundException">No run has that id.</exception>
    /// <exception cref="RunCancelledException">The run was cancelled.</exception>
    public Task<IReadOnlyList<RunView>> ResumeAsync(string id) => ActAsync(id, run => run.ResumeAsync());

    /// <summary>Orders a study agent shut down: at once between rounds, or when the round in progress ends.</summary>
    /// <param name="agent"><c>{world}/{name}</c>, the form <c>swarm memory</c> and agents.csv use.</param>
    /// <exception cref="RunRequestException">The id is malformed.</exception>
    /// <exception cref="RunNotFoundException">No study or agent of that id.</exception>
    public async Task<HandShutdown> ShutDownAsync(string agent, string reason, int? atRound = null)
    {
        var slash = agent.LastIndexOf('/');
        if (slash <= 0 || slash == agent.Length - 1) throw new RunRequestException("agent", $"'{agent}' is not an agent id; expected study/name, e.g. population-baseline/blue-00003");
        var (world, name) = (agent[..slash], agent[(slash + 1)..]);
        var study = grains.GetGrain<IStudyGrain>(world);
        if (await study.GetPlanAsync() is null) throw new RunNotFoundException($"no study '{world}' in this cluster");
        if (!await study.HasAgentAsync(name)) throw new RunNotFoundException($"study '{world}' has no agent '{name}'");
        if (atRound is < 1) throw new RunRequestException("atRound", "must be a round (1 or more)");
        var order = atRound is { } round ? await study.ShutDownAgentAtAsync(name, reason, round) : await study.ShutDownAgentAsync(name, reason);
        RunControlLog.ShutdownOrdered(logger, agent, order.Status, order.Detail);
        return order;
    }

    private string Root => Path.GetFullPath(options.Value.ScenarioRoot);

    /// <summary>A path under the scenario root; anything that leaves it is refused (the API reads no other files).</summary>
    private string Resolve(string given, string field)
    {
        if (string.IsNullOrWhiteSpace(given)) throw new RunRequestException(field, "is required: a path such as " + (field == "study" ? "scenarios/studies/population-baseline.yaml" : "scenarios/paper/shutdown-config.yaml"));
        var root = Root;
        var full = Path.GetFullPath(Path.Combine(root, given));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new RunRequestException(field, $"{given}: must be a path inside the scenario root");
        return full;
    }

    private async Task<RunEntry> EntryAsync(string id) =>
        (await Registry.ListAsync()).FirstOrDefault(r => r.Id == id) ?? throw new RunNotFoundException($"no run '{id}' in this cluster");

    /// <summary>An experiment or study arm by its id, or every arm of the study of that id.</summary>
    private async Task<IReadOnlyList<RunEntry>> MatchAsync(string id)
    {
        var runs = await Registry.ListAsync();
        var exact = runs.Where(r => r.Id == id).ToList();
        var matched = exact.Count > 0 ? exact : [.. runs.Where(r => r.Kind == RunKinds.Study && r.Study == id)];
        return matched.Count > 0 ? matched : throw new RunNotFoundException($"no run '{id}' in this cluster (GET /api/runs lists them)");
    }

    /// <summary>Does the same to every run the id names, whatever its kind, and answers how each stands after.</summary>
    private async Task<IReadOnlyList<RunView>> ActAsync(string id, Func<IRunGrain, Task<RunProgress>> act)
    {
        var runs = await MatchAsync(id);
        var progress = await Task.WhenAll(runs.Select(r => act(grains.GetRun(r))));
        return [.. runs.Zip(progress, RunView.Of)];
    }

    private async Task<RunView> ViewAsync(RunEntry entry)
    {
        try
        {
            return RunView.Of(entry, await grains.GetRun(entry).GetProgressAsync());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One run that cannot answer (its grain fails to activate, its silo is gone) must not hide the others.
            RunControlLog.RunUnreadable(logger, ex, entry.Id);
            return RunView.Unreadable(entry, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
