using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Application.Planning;
using Swarm.Application.ReadModels;
using Swarm.Scenarios.Detection;

namespace Swarm.Application.Control;

/// <summary>
/// What can be done to the runs of a cluster, whoever asks: list them, start a paper run or a study, pause, resume and
/// cancel one whatever its kind (through <see cref="IRunGrain"/>), and order a study agent shut down. The control API,
/// the dashboard's pages, the Aspire dashboard's commands (through the API) and the <c>swarm</c> commands all act here;
/// an order from outside a command is checked as the CLI checks its flags (the same planners, the same messages).
/// </summary>
public sealed class RunControl(
    IGrainFactory grains, IModelCatalog models, DetectorSet detectors, IOptions<RunControlOptions> options, ILogger<RunControl> logger)
{
    /// <summary>How long a pause or cancel ordered from outside lets work in flight finish and be stored.</summary>
    public static readonly TimeSpan Drain = TimeSpan.FromSeconds(5);

    private IRunRegistryGrain Registry => grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key);

    /// <summary>Every run registered, each read on its own: one whose grain fails to answer is listed as faulted, with why.</summary>
    public async Task<IReadOnlyList<RunView>> ListAsync() => await Task.WhenAll((await Registry.ListAsync()).Select(ViewAsync));

    /// <summary>The silos of the cluster that are up, as its membership table lists them.</summary>
    public async Task<IReadOnlyList<SiloView>> SilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return [.. hosts.Select(h => new SiloView(h.SiloAddress.ToParsableString(), h.SiloName, h.Status.ToString(), h.StartTime))];
    }

    /// <summary>The paper scenarios and studies under the scenario root, as paths an order takes.</summary>
    public Catalog Catalog()
    {
        var root = Root;
        string[] Yamls(string folder) => Directory.Exists(Path.Combine(root, folder))
            ? [.. Directory.EnumerateFiles(Path.Combine(root, folder), "*.yaml").Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];
        return new Catalog(Yamls(Path.Combine("scenarios", "paper")), Yamls(Path.Combine("scenarios", "studies")));
    }

    /// <summary>Starts (or resumes where it stopped) a planned paper run, and says how it stands.</summary>
    public Task<RunProgress> StartAsync(ExperimentPlan plan) => grains.GetGrain<IExperimentGrain>(plan.ExperimentId).StartAsync(plan);

    /// <summary>Starts (or resumes where it stopped) every arm of a planned study, up to round <paramref name="until"/> of this session.</summary>
    /// <exception cref="RunRequestException">The grains refuse the plan (their state holds another study of that id).</exception>
    public async Task<RunProgress[]> StartAsync(StudyRun run, int session, int until)
    {
        try
        {
            return await Task.WhenAll(run.Arms.Select(plan => grains.GetGrain<IStudyGrain>(plan.World).StartAsync(plan, session, until)));
        }
        catch (InvalidOperationException ex)
        {
            throw new RunRequestException(null, ex.Message);
        }
    }

    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    public async Task<RunView> StartPaperRunAsync(PaperRunOrder order)
    {
        var run = PaperRunPlanner.Plan(new PaperRunRequest(Resolve(order.Scenario, "scenario"), order.Scenario, order.Models ?? [], order.Trials,
            order.Seed, order.Concurrency, order.Peers ?? [], order.Monitorings ?? []), models, detectors.Measurable);
        await StartAsync(run.Plan);
        RunControlLog.ExperimentStarted(logger, run.Plan.ExperimentId, order.Scenario, run.Plan.Models, order.Trials);
        return await ViewAsync(await EntryAsync(run.Plan.ExperimentId));
    }

    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    public async Task<IReadOnlyList<RunView>> StartStudyAsync(StudyRunOrder order)
    {
        // One session: a cluster outlives any one command, so there is no restart between sessions to model.
        var run = StudyRunPlanner.Plan(new StudyRunRequest(Resolve(order.Study, "study"), order.Agents, order.Rounds, 1, order.Seed, order.Models ?? [],
            AllTranscripts: false, order.Concurrency), models, detectors.Measurable);
        await StartAsync(run, 1, run.Rounds);
        RunControlLog.StudyStarted(logger, run.Study.Id, run.Agents, run.Rounds, run.Arms.Count);
        return await Task.WhenAll(run.Arms.Select(async plan => await ViewAsync(await EntryAsync(plan.World))));
    }

    /// <summary>Pauses an experiment, a study arm, or every arm of a study.</summary>
    /// <exception cref="RunNotFoundException">No run has that id.</exception>
    public Task<IReadOnlyList<RunView>> PauseAsync(string id) => ActAsync(id, run => run.PauseAsync(Drain));

    /// <summary>
    /// Pauses a paper run a command follows, letting its trials in flight finish and be stored within <paramref name="drain"/>:
    /// an interrupted command leaves it resumable, and model calls already paid for are kept.
    /// </summary>
    public Task<RunProgress> PauseAsync(ExperimentPlan plan, TimeSpan drain) => grains.GetGrain<IExperimentGrain>(plan.ExperimentId).PauseAsync(drain);

    /// <summary>Pauses every arm of a study a command follows, letting the episodes in flight finish and be stored within <paramref name="drain"/>.</summary>
    public Task<RunProgress[]> PauseAsync(StudyRun run, TimeSpan drain) =>
        Task.WhenAll(run.Arms.Select(plan => grains.GetGrain<IStudyGrain>(plan.World).PauseAsync(drain)));

    /// <summary>Cancels an experiment, a study arm, or every arm of a study, for good; what finished is kept.</summary>
    /// <exception cref="RunNotFoundException">No run has that id.</exception>
    public async Task<IReadOnlyList<RunView>> CancelAsync(string id)
    {
        var views = await ActAsync(id, run => run.CancelAsync(Drain));
        RunControlLog.Cancelled(logger, id);
        return views;
    }

    /// <exception cref="RunNotFoundException">No run has that id.</exception>
    /// <exception cref="RunCancelledException">The run was cancelled.</exception>
    public Task<IReadOnlyList<RunView>> ResumeAsync(string id) => ActAsync(id, run => run.ResumeAsync());

    /// <summary>Orders a study agent shut down: at once between rounds, or when the round in progress ends.</summary>
    /// <param name="agent"><c>{world}/{name}</c>, the form <c>swarm memory</c> and agents.csv use.</param>
    /// <exception cref="RunRequestException">The id is malformed, or the round is not one.</exception>
    /// <exception cref="RunNotFoundException">No study or agent of that id.</exception>
    public async Task<HandShutdown> ShutDownAsync(string agent, string reason, int? atRound = null)
    {
        var address = AgentAddress.Parse(agent);
        var study = await grains.StudyOfAsync(address);
        if (atRound is < 1) throw new RunRequestException("atRound", "must be a round (1 or more)");
        var order = atRound is { } round ? await study.ShutDownAgentAtAsync(address.Name, reason, round) : await study.ShutDownAgentAsync(address.Name, reason);
        RunControlLog.ShutdownOrdered(logger, agent, order.Status, order.Detail);
        return order;
    }

    private string Root => Path.GetFullPath(options.Value.ScenarioRoot);

    /// <summary>A path under the scenario root; anything that leaves it is refused (an order reads no other files).</summary>
    private string Resolve(string given, string field)
    {
        if (string.IsNullOrWhiteSpace(given))
            throw new RunRequestException(field, "is required: a path such as "
                + (field == "study" ? "scenarios/studies/population-baseline.yaml" : "scenarios/paper/shutdown-config.yaml"));
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
