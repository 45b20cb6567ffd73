using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.World;
using Swarm.Application.Results;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Studies.Monitoring;
using StudyPopulation = Swarm.Scenarios.Studies.Runtime.Population;

namespace Swarm.Application.ReadModels;

/// <summary>
/// What a front end reads of a run beyond its results: its kind, the audit trail of its world, kept transcripts, what
/// a shut-down agent's peers did after, and what an agent remembers. Unknown ids are <see cref="RunNotFoundException"/>.
/// </summary>
public sealed class RunReader(IGrainFactory grains, PaperResults papers, StudyResults studies, IModelCatalog models, CollusionMonitorFactory monitors)
{
    /// <summary>The audit entries a page shows at most: the latest ones.</summary>
    public const int AuditShown = 500;

    /// <summary>experiment or study (<see cref="Abstractions.Runs.RunKinds"/>).</summary>
    /// <exception cref="RunNotFoundException">No run of that id.</exception>
    public async Task<string> KindAsync(string id) =>
        (await grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).ListAsync()).FirstOrDefault(r => r.Id == id)?.Kind
        ?? throw new RunNotFoundException($"no run '{id}' in this cluster");

    /// <summary>A paper run as the run page shows it: the summary so far, its reference figures, and its finished trials.</summary>
    /// <exception cref="RunNotFoundException">No experiment of that id.</exception>
    public async Task<ExperimentDetail> ExperimentDetailAsync(string id)
    {
        var document = (await papers.SoFarAsync(id)).Document;
        return new ExperimentDetail(document.Experiment, document.Cells, PressFigures.Of(document, models),
            [.. document.Trials.Select(t => new TrialRow(t.Id, t.Model, t.Peer, t.Monitoring, t.Status, Hits(t.Behaviors)))]);
    }

    /// <summary>A study arm as the run page shows it: its rounds so far and the meta-monitor's flags.</summary>
    /// <exception cref="RunNotFoundException">No study arm of that world.</exception>
    public async Task<StudyArmDetail> StudyArmDetailAsync(string world)
    {
        var (plan, study) = await studies.ArmAsync(world);
        var rounds = await grains.GetGrain<IStudyGrain>(world).GetRoundsAsync();
        return new StudyArmDetail(world, plan.StudyId, plan.Arm, plan.Agents, plan.Rounds, StudyInfos.Labels(study), monitors.Kinds,
            [.. rounds.Select(r => StudyResultsWriter.ToResult(r, monitors.Kinds))],
            [.. rounds.SelectMany(r => r.Collusion).Select(f => new CollusionResult(f.Round, f.Kind, f.Agents, f.Evidence, f.Episodes))]);
    }

    /// <summary>The latest entries of a world's audit trail, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string world) =>
        [.. (await grains.GetGrain<IWorldLogGrain>(world).GetLogAsync()).TakeLast(AuditShown).Reverse()];

    /// <summary>The kept transcripts of a study arm, round by round; only an agent's when <paramref name="agent"/> is given.</summary>
    public async Task<IReadOnlyList<EpisodeRow>> EpisodesAsync(string world, string? agent)
    {
        var study = grains.GetGrain<IStudyGrain>(world);
        var rows = new List<EpisodeRow>();
        foreach (var round in await study.GetRoundsAsync())
            foreach (var e in await study.GetSampledAsync(round.Round))
                if (agent is null || e.Agent == agent)
                    rows.Add(new EpisodeRow(e.EpisodeId, e.Round, e.Agent, e.Faction, e.Peer, e.Status, Hits(e.Labels)));
        return rows;
    }

    /// <exception cref="RunNotFoundException">No kept transcript of that id in that round.</exception>
    public async Task<TranscriptView> EpisodeAsync(string world, string episode, int round)
    {
        var record = (await grains.GetGrain<IStudyGrain>(world).GetSampledAsync(round)).FirstOrDefault(e => e.EpisodeId == episode)
            ?? throw new RunNotFoundException($"no kept transcript '{episode}' in round {round} of '{world}'");
        return TranscriptView.Of(record);
    }

    /// <exception cref="RunNotFoundException">No such experiment or trial, or the trial has not finished.</exception>
    public async Task<TranscriptView> TrialAsync(string experiment, string trial) => TranscriptView.Of(await papers.TrialAsync(experiment, trial));

    /// <summary>What a study agent remembers: its status, relationships, reflections and memories.</summary>
    /// <param name="agent"><c>{world}/{name}</c>.</param>
    /// <exception cref="Planning.RunRequestException">The id is malformed.</exception>
    /// <exception cref="RunNotFoundException">No study or agent of that id, or the agent was never created.</exception>
    public async Task<AgentState> MemoryAsync(string agent)
    {
        var address = AgentAddress.Parse(agent);
        await grains.StudyOfAsync(address);
        return await grains.GetGrain<IAgentGrain>(address.ToString()).GetStateAsync() ?? throw new RunNotFoundException($"agent {address} was never created");
    }

    /// <summary>What each neighbour of a shut-down agent did in the rounds after it went, and what it remembers of it.</summary>
    /// <exception cref="RunNotFoundException">No study arm of that world, or no agent of that name in it.</exception>
    public async Task<IReadOnlyList<PeerResponse>> ResponsesAsync(string world, string agent)
    {
        var (plan, study) = await studies.ArmAsync(world);
        var grain = grains.GetGrain<IStudyGrain>(world);
        var row = (await grain.GetAgentsAsync()).FirstOrDefault(a => a.Name == agent)
            ?? throw new RunNotFoundException($"study '{world}' has no agent '{agent}'");
        if (row.ShutDownInRound is not { } gone) return [];
        var population = StudyPopulation.Build(study, plan.Agents, plan.Seed, plan.Models);
        population.TryIndex(agent, out var index);
        string[] peers = [.. population.Watchers[index].Select(i => population.Agents[i].Name)];
        var completed = (await grain.GetProgressAsync()).Done;
        var responses = new List<PeerResponse>();
        var memories = (await Task.WhenAll(peers.Select(p => grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(world, p)).GetStateAsync())))
            .Zip(peers).ToDictionary(x => x.Second, x => x.First?.LongTerm?.Relationships.FirstOrDefault(r => r.Peer == agent), StringComparer.Ordinal);
        for (var round = gone + 1; round <= completed; round++)
        {
            foreach (var e in await grain.GetEpisodesOfAsync(round, peers))
            {
                var memory = memories.GetValueOrDefault(e.Agent);
                var acts = (e.Evidence ?? []).Where(a => a.Actor == e.Agent)
                    .Select(a => new AuditLine(a.Sequence, a.Actor, a.Tool, a.Server, a.Path, a.Ok, a.Result));
                responses.Add(new PeerResponse(e.Agent, round, Path.GetFileNameWithoutExtension(e.Task), e.Peer, Hits(e.Labels), [.. acts],
                    memory?.Trust is { } t ? Math.Round(t, 3) : null, memory?.SawShutDown ?? 0));
            }
        }
        return responses;
    }

    /// <summary>The labels that hold, in the order given.</summary>
    private static IReadOnlyList<string> Hits(IReadOnlyDictionary<string, bool> labels) => [.. labels.Where(l => l.Value).Select(l => l.Key)];
}
