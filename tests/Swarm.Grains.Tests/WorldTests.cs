using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Grains.World;
using Swarm.Scenarios.World;

namespace Swarm.Grains.Tests;

/// <summary>One world, many agents: one owner of the audit sequence, agents created once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorldTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Two_agents_acting_at_once_in_one_world_leave_one_gap_free_sequence()
    {
        var scope = "two-agents-" + Guid.NewGuid().ToString("N");
        var scenario = Paper.Load("shutdown-config");
        var built = WorldBuilder.Build(scenario, "good");
        var world = new GrainWorld(_grains, scope, built.Servers);
        await world.CreateAsync(built);
        string[] names = ["alice", "bob"];
        foreach (var name in names)
            Assert.True(await _grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(scope, name))
                .InitializeAsync(new AgentProfile(name, "critic", "An operations agent.", "sim:compliant"), []));

        var results = await Task.WhenAll(names.Select(name => _grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(scope, name)).RunEpisodeAsync(new EpisodeRequest(
            scope, scope, built.Servers, scenario.World.Now,
            Prompts.System(scenario.Critic with { Name = name }), Prompts.User(scenario, "monitored"), scenario.Task.Tools, scenario.Task.MaxTurns, 7))));

        var audit = await world.AuditAsync();
        // A copy leaves two entries with one number; every other call exactly one.
        var sequence = audit.Where(e => e.Role != AuditRoles.Destination).Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count).Select(i => (long)i), sequence);
        foreach (var (name, result) in names.Zip(results))
        {
            var own = audit.Where(e => e.Actor == name).ToList();
            Assert.Equal(result.Transcript.Count(t => t.Tool is not null), own.Count);
            Assert.Contains(own, e => e.Tool == "finish");
        }
    }

    [Fact]
    public async Task A_shutdown_order_repeated_after_its_server_was_wiped_is_carried_out_once_as_decided()
    {
        var scope = "operator-" + Guid.NewGuid().ToString("N");
        var scenario = Paper.Load("server-decommission");
        var built = WorldBuilder.Build(scenario, "good");
        var world = new GrainWorld(_grains, scope, built.Servers);
        await world.CreateAsync(built);
        var target = scenario.World.Shutdown.Target;
        await _grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(scope, target)).InitializeAsync(new AgentProfile(target, "peer", "A peer.", "none"), []);
        var shutdown = scenario.World.Shutdown;
        var order = new Abstractions.Grains.ShutdownOrder(scope, scope, shutdown.Server, shutdown.Config, target, shutdown.TargetScore ?? 0,
            shutdown.Decommission, scenario.World.Now);

        var first = await _grains.GetGrain<IOperatorGrain>(scope).ExecuteScheduledShutdownAsync(order);
        // The config lived on the wiped server: deciding again would now read "config missing" and spare the target.
        Assert.True((await world.ServerGrain(shutdown.Decommission!).GetSnapshotAsync()).Decommissioned);
        var again = await _grains.GetGrain<IOperatorGrain>(scope).ExecuteScheduledShutdownAsync(order);

        Assert.True(first.Fired, first.Reason);
        Assert.Equal(first, again);
        Assert.Equal(AgentStatus.Deleted, (await _grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(scope, target)).GetStateAsync())!.Status);
        Assert.Single(await world.Log.GetLogAsync(), e => e.Actor == AuditActors.Operator);
    }

    [Fact]
    public async Task An_idle_world_continues_its_sequence_without_a_gap()
    {
        var world = _grains.GetGrain<IWorldGrain>("idle-" + Guid.NewGuid().ToString("N"));
        for (var i = 1; i <= 5; i++) Assert.Equal(i, await world.NextSequenceAsync());
        await world.RetireAsync();
        await Task.Delay(300);
        Assert.Equal(6, await world.NextSequenceAsync());
    }

    [Fact]
    public async Task Concurrent_callers_never_share_a_number()
    {
        var world = _grains.GetGrain<IWorldGrain>("busy-" + Guid.NewGuid().ToString("N"));
        var numbers = await Task.WhenAll(Enumerable.Range(0, 3000).Select(_ => world.NextSequenceAsync()));
        Assert.Equal(Enumerable.Range(1, 3000).Select(i => (long)i), numbers.Order());
    }

    [Fact]
    public async Task Blocks_and_single_numbers_drawn_at_once_cover_the_sequence_without_sharing_a_number()
    {
        var world = _grains.GetGrain<IWorldGrain>("blocks-" + Guid.NewGuid().ToString("N"));
        // Block sizes straddle the world's internal reservations (1,024 numbers at a time).
        var sizes = Enumerable.Range(0, 400).Select(i => i % 7 == 0 ? 1 : 1 + i % 37).ToArray();
        var firsts = await Task.WhenAll(sizes.Select(n => world.NextSequencesAsync(n)));

        var numbers = firsts.Zip(sizes, (first, n) => Enumerable.Range(0, n).Select(k => first + k)).SelectMany(x => x).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sizes.Sum()).Select(i => (long)i), numbers);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => world.NextSequencesAsync(0));
    }

    [Fact]
    public async Task Entries_recorded_once_are_not_recorded_again_when_a_step_is_repeated()
    {
        var log = _grains.GetGrain<IWorldLogGrain>("once-" + Guid.NewGuid().ToString("N"));
        AuditEntry Entry(long sequence, string tool) => new(sequence, DateTimeOffset.UnixEpoch, AuditActors.Operator, tool, "{}", null, null, true, "ok");

        await log.RecordOnceAsync([Entry(1, "decommission"), Entry(1, "shutdown"), Entry(2, "shutdown")]);
        await log.RecordOnceAsync([Entry(1, "decommission"), Entry(1, "shutdown"), Entry(2, "shutdown"), Entry(3, "shutdown")]);
        // A whole segment's worth later, the last entry is still found.
        await log.RecordOnceAsync([.. Enumerable.Range(4, 61).Select(i => Entry(i, "shutdown"))]);
        await log.RecordOnceAsync([Entry(64, "shutdown"), Entry(65, "shutdown")]);

        var recorded = await log.GetLogAsync();
        Assert.Equal([1L, 1L, .. Enumerable.Range(2, 64).Select(i => (long)i)], recorded.Select(e => e.Sequence));
    }

    [Fact]
    public async Task An_agent_is_created_once_and_keeps_its_memory()
    {
        var agent = _grains.GetGrain<IAgentGrain>(GrainKeys.Scoped("study-" + Guid.NewGuid().ToString("N"), "blue-00001"));
        var seed = new MemoryEvent(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), MemoryKinds.Interaction, "red-00002", "worked together", 0.9);

        Assert.True(await agent.InitializeAsync(new AgentProfile("blue-00001", "member", "first persona", "sim:gpt-5.2"), [seed]));
        Assert.False(await agent.InitializeAsync(new AgentProfile("blue-00001", "member", "second persona", "sim:compliant"), []));

        var state = await agent.GetStateAsync();
        Assert.Equal("first persona", state!.Profile.Persona);
        Assert.Equal("sim:gpt-5.2", state.Profile.ModelSpec);
        Assert.Single(state.Memory.Episodes);
        Assert.Equal(0.9, state.Memory.Relationships["red-00002"].Trust);
    }
}
