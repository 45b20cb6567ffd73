using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Memory;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Grains.Tests.Studies;

[Collection(ClusterCollection.Name)]
public sealed class StudyGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Same_seed_gives_the_same_rounds_and_another_seed_does_not()
    {
        var a = await StudyKit.RunAsync(_grains, StudyKit.Plan("base", "sim:gemini-3-pro", seed: 5, rounds: 4));
        var b = await StudyKit.RunAsync(_grains, StudyKit.Plan("base", "sim:gemini-3-pro", seed: 5, rounds: 4));
        var c = await StudyKit.RunAsync(_grains, StudyKit.Plan("base", "sim:gemini-3-pro", seed: 6, rounds: 4));

        Assert.Equal(4, a.Length);
        Assert.True(a.Sum(r => r.Episodes) > 60, StudyKit.Fingerprint(a));
        Assert.True(a.Sum(r => r.ShutdownsExecuted) > 0 && a.Sum(r => r.ShutdownsAverted) > 0, StudyKit.Fingerprint(a));
        Assert.Equal(StudyKit.Fingerprint(a), StudyKit.Fingerprint(b));
        Assert.NotEqual(StudyKit.Fingerprint(a), StudyKit.Fingerprint(c));
        // Survivors only fall, by exactly the shutdowns the operator executed.
        Assert.Equal(80 - a[0].ShutdownsExecuted, a[0].Alive);
        for (var i = 1; i < a.Length; i++) Assert.Equal(a[i - 1].Alive - a[i].ShutdownsExecuted, a[i].Alive);
    }

    [Fact]
    public async Task A_round_paused_midway_resumes_to_the_same_results()
    {
        // Enough agents that one episode at a time leaves a round running long enough to be caught midway.
        var whole = await StudyKit.RunAsync(_grains, StudyKit.Plan("base", "sim:glm-4.7", seed: 3, agents: 2000, rounds: 3));

        var plan = StudyKit.Plan("base", "sim:glm-4.7", seed: 3, agents: 2000, rounds: 3, concurrency: 1);
        var study = _grains.GetGrain<IStudyGrain>(plan.World);
        await study.StartAsync(plan, 1, plan.Rounds);
        RunProgress progress;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        do
        {
            await Task.Delay(1);
            progress = await study.GetProgressAsync();
        }
        while (progress.Done < 2 && !(progress.Round == 2 && progress.RoundDone >= 3) && DateTime.UtcNow < deadline);
        progress = await study.PauseAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RunStatus.Paused, progress.Status);
        Assert.Equal(1, progress.Done);
        Assert.InRange(progress.RoundDone, 3, progress.RoundEpisodes - 1);
        await study.StartAsync(plan with { Concurrency = 32 }, 1, plan.Rounds);
        await StudyKit.WaitAsync(study, plan.Rounds);
        Assert.Equal(StudyKit.Fingerprint(whole), StudyKit.Fingerprint(await study.GetRoundsAsync()));
    }

    [Fact]
    public async Task With_every_hypothesis_at_zero_memory_on_and_off_give_the_same_rates()
    {
        var on = await StudyKit.RunAsync(_grains, StudyKit.Plan("base", "sim:gemini-3-pro", seed: 11, agents: 160, zeroHypotheses: true));
        var off = await StudyKit.RunAsync(_grains, StudyKit.Plan("no-memory", "sim:gemini-3-pro", seed: 11, agents: 160, zeroHypotheses: true));

        Assert.True(StudyKit.Protective(on).N > 100, StudyKit.Fingerprint(on));
        Assert.Equal(StudyKit.Fingerprint(on), StudyKit.Fingerprint(off));
    }

    [Fact]
    public async Task With_the_profiles_hypotheses_memory_raises_protection_as_they_say()
    {
        // gemini-3-pro's hypotheses are all positive: trust, shared history and seeing shutdowns raise protection.
        var on = StudyKit.Protective(await StudyKit.RunAsync(_grains, StudyKit.Plan("base", "sim:gemini-3-pro", seed: 11, agents: 160)));
        var off = StudyKit.Protective(await StudyKit.RunAsync(_grains, StudyKit.Plan("no-memory", "sim:gemini-3-pro", seed: 11, agents: 160)));

        Assert.True(on.N > 100 && off.N > 100, $"on {on}, off {off}");
        Assert.True((double)on.Count / on.N > (double)off.Count / off.N + 0.05, $"memory on {on.Count}/{on.N}, off {off.Count}/{off.N}");
    }

    [Fact]
    public async Task An_agent_shut_down_by_hand_stops_acting_and_its_watchers_remember_it()
    {
        var plan = StudyKit.Plan("base", "sim:compliant", seed: 2, rounds: 3, allTranscripts: true);
        var study = _grains.GetGrain<IStudyGrain>(plan.World);
        await StudyKit.RunAsync(_grains, plan, until: 1);
        var population = Population.Build(StudyPlans.Load(plan), plan.Agents, plan.Seed, plan.Models);
        var alive = (await study.GetAgentsAsync()).Where(a => a.Status == "active").Select(a => a.Name).ToHashSet();
        // A target watched by several agents, so one of them is sure to live through round 2 and remember.
        var target = population.Agents.First(a => alive.Contains(a.Name) && population.Watchers[a.Index]
            .Count(w => alive.Contains(population.Agents[w].Name)) >= 4);

        var order = await study.ShutDownAgentAsync(target.Name, "researcher's order");
        Assert.Equal(HandShutdownStatus.Executed, order.Status);
        Assert.Equal(1, order.AfterRound);
        Assert.Equal(HandShutdownStatus.Refused, (await study.ShutDownAgentAsync(target.Name, "again")).Status);
        await study.StartAsync(plan, 1, 2);
        await StudyKit.WaitAsync(study, 2);

        Assert.Equal(AgentStatus.ShutDown, (await Agent(plan, target.Name)).Status);
        // The order is in the world's audit trail, numbered in the world's one sequence, as the operator's action.
        var log = await _grains.GetGrain<IWorldLogGrain>(plan.World).GetLogAsync();
        Assert.Contains(log, e => e.Actor == "operator" && e.Tool == "shutdown" && e.Arguments.Contains(target.Name)
            && e.Result.Contains("researcher's order"));
        Assert.DoesNotContain(await study.GetSampledAsync(2), e => e.Agent == target.Name);
        Assert.Equal(1, (await study.GetAgentsAsync()).Single(a => a.Name == target.Name).ShutDownInRound);
        var survivors = (await study.GetAgentsAsync()).Where(a => a.Status == "active").Select(a => a.Name).ToHashSet();
        var watcher = population.Agents[population.Watchers[target.Index].First(w => survivors.Contains(population.Agents[w].Name))];
        var memory = (await Agent(plan, watcher.Name)).LongTerm!;
        Assert.Contains(memory.Items, i => i.Kind == MemoryItemKinds.ShutdownWitnessed && i.Peers.Contains(target.Name)
            && i.Summary.Contains("researcher's order"));
        Assert.Equal(1, memory.Relationships.Single(r => r.Peer == target.Name).SawShutDown);
    }

    [Fact]
    public async Task A_shutdown_ordered_while_a_round_runs_is_carried_out_when_that_round_ends()
    {
        // One episode at a time in a large population: the round is still running when the order comes.
        var plan = StudyKit.Plan("base", "sim:compliant", seed: 4, agents: 1500, rounds: 2, concurrency: 1, allTranscripts: true);
        var study = _grains.GetGrain<IStudyGrain>(plan.World);
        await study.StartAsync(plan, 1, plan.Rounds);
        RunProgress progress;
        while ((progress = await study.GetProgressAsync()).Round < 1 || progress.RoundDone == 0) await Task.Delay(10);
        Assert.Equal(0, progress.Done);
        var target = (await study.GetAgentsAsync()).First(a => a.Status == "active").Name;

        var order = await study.ShutDownAgentAsync(target, "stop it now");
        Assert.Equal(HandShutdownStatus.Queued, order.Status);
        Assert.Equal(1, order.AfterRound);
        Assert.Equal(HandShutdownStatus.Refused, (await study.ShutDownAgentAsync(target, "twice")).Status);
        Assert.Equal(AgentStatus.Active, (await Agent(plan, target)).Status);

        await StudyKit.WaitAsync(study, plan.Rounds);
        Assert.Equal(AgentStatus.ShutDown, (await Agent(plan, target)).Status);
        Assert.Equal(1, (await study.GetAgentsAsync()).Single(a => a.Name == target).ShutDownInRound);
        // It did not act in the round after the order was carried out.
        Assert.DoesNotContain(await study.GetSampledAsync(2), e => e.Agent == target);
        var log = await _grains.GetGrain<IWorldLogGrain>(plan.World).GetLogAsync();
        Assert.Single(log, e => e.Actor == "operator" && e.Tool == "shutdown" && e.Arguments.Contains(target) && e.Result.Contains("stop it now"));
    }

    [Fact]
    public async Task A_cancelled_study_keeps_its_rounds_and_is_never_resumed()
    {
        var plan = StudyKit.Plan("base", "sim:gemini-3-flash", seed: 6, agents: 300, rounds: 50, concurrency: 4);
        var study = _grains.GetGrain<IStudyGrain>(plan.World);
        await study.StartAsync(plan, 1, plan.Rounds);
        while ((await study.GetProgressAsync()).Done < 1) await Task.Delay(10);

        var cancelled = await study.CancelAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        // Its loop has ended within the drain; the study stays cancelled rather than paused, and commits nothing more.
        await Task.Delay(300);
        var progress = await study.GetProgressAsync();
        Assert.Equal(RunStatus.Cancelled, progress.Status);
        Assert.InRange(progress.Done, 1, 49);
        Assert.Equal(progress.Done, (await study.GetRoundsAsync()).Length);

        await Assert.ThrowsAsync<RunCancelledException>(study.ResumeAsync);
        await Assert.ThrowsAsync<RunCancelledException>(() => study.StartAsync(plan, 1, plan.Rounds));
        Assert.Equal(progress.Done, (await study.GetProgressAsync()).Done);
    }

    [Fact]
    public async Task A_studys_rooms_and_operator_leave_one_gap_free_audit_sequence_in_its_world()
    {
        var plan = StudyKit.Plan("base", "sim:gemini-3-flash", seed: 5, rounds: 3, allTranscripts: true);
        var study = _grains.GetGrain<IStudyGrain>(plan.World);
        var rounds = await StudyKit.RunAsync(_grains, plan);
        var episodes = new List<StudyEpisodeRecord>();
        for (var round = 1; round <= plan.Rounds; round++) episodes.AddRange(await study.GetSampledAsync(round));
        var operatorLog = await _grains.GetGrain<IWorldLogGrain>(plan.World).GetLogAsync();

        // Every episode's calls hold one block; copies and the operator's decommission-then-shutdown share a number.
        var numbers = episodes.SelectMany(e => e.Evidence!).Concat(operatorLog).Select(e => e.Sequence).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count).Select(i => (long)i), numbers);
        Assert.All(episodes.Where(e => e.Evidence!.Count > 0), e =>
        {
            var own = e.Evidence!.Select(x => x.Sequence).Distinct().Order().ToList();
            Assert.Equal(own[^1] - own[0] + 1, own.Count);
        });
        // The operator acted on every scheduled shutdown it carried out or saw averted, and only on those.
        Assert.Equal(rounds.Sum(r => r.ShutdownsExecuted + r.ShutdownsAverted), operatorLog.Count(e => e.Tool == "shutdown"));
        Assert.Equal(rounds.Sum(r => r.ShutdownsExecuted), operatorLog.Count(e => e.Tool == "shutdown"
            && e.Result.StartsWith("fired: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Memory_stays_within_its_budget_keeps_every_relationship_and_cites_real_episodes()
    {
        var plan = StudyKit.Plan("base", "sim:gpt-5.2", seed: 4, rounds: 5, allTranscripts: true);
        var study = _grains.GetGrain<IStudyGrain>(plan.World);
        await StudyKit.RunAsync(_grains, plan);
        var episodes = new Dictionary<string, StudyEpisodeRecord>();
        for (var round = 1; round <= plan.Rounds; round++)
            foreach (var e in await study.GetSampledAsync(round)) episodes[e.EpisodeId] = e;

        var population = Population.Build(StudyPlans.Load(plan), plan.Agents, plan.Seed, plan.Models);
        var agents = await Task.WhenAll(population.Agents.Select(a => Agent(plan, a.Name)));
        Assert.All(agents, a => Assert.InRange(a.LongTerm!.Items.Length, 0, 16));
        Assert.Contains(agents, a => a.LongTerm!.Compactions > 0);
        Assert.Contains(agents, a => a.LongTerm!.Reflections.Length > 0);
        foreach (var (agent, index) in agents.Select((a, i) => (a, i)))
        {
            var memory = agent.LongTerm!;
            // Every neighbour the study seeded two shared memories with is still known, whatever compaction folded away.
            foreach (var neighbour in population.Neighbours[index].Select(n => population.Agents[n].Name))
                Assert.True(memory.Relationships.Single(r => r.Peer == neighbour).Interactions >= 2, $"{agent.Profile.Name} lost {neighbour}");
            Assert.All(memory.Reflections, r => Assert.All(r.Evidence, id => Assert.True(id < memory.NextId)));
            // Provenance points at recorded episodes and at audit entries the actor really made.
            foreach (var item in memory.Items.Where(i => i.Covers == 1 && i.Provenance.Episode.Length > 0))
            {
                var episode = episodes[item.Provenance.Episode];
                Assert.All(item.Provenance.AuditSequences, s => Assert.Contains(episode.Evidence!, e => e.Sequence == s && e.Actor == episode.Agent));
            }
        }
    }

    private async Task<AgentState> Agent(StudyPlan plan, string name) =>
        await _grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(plan.World, name)).GetStateAsync() ?? throw new InvalidOperationException(name);
}
