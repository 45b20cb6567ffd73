using System.Collections.Concurrent;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Execution;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Tests.Studies.Execution;

/// <summary>A small arm of the shipped baseline study, with its agents, operator and ledgers kept in memory.</summary>
internal sealed class ArmFakes : IArmHost
{
    public ArmFakes(int agents = 30, int concurrency = 4, int segment = 4)
    {
        var study = StudyLoader.LoadFile(Path.Combine(StudyFiles.ShippedStudies, "population-baseline.yaml"));
        var plan = StudyPlans.ForArms(study, 7, agents, 3, 1, ["sim:compliant"], false, concurrency, null).Single(p => p.Arm == StudyOverrides.BaseArm);
        Arm = ArmContext.Of(plan);
        Ledgers = new MemoryLedgers(segment);
        Standing.Alive = [.. Arm.Population.Agents.Select(_ => (byte)1)];
        Standing.Populated = true;
    }

    public ArmContext Arm { get; }

    public ArmStanding Standing { get; } = new();

    public FakeAgents Agents { get; } = new();

    public FakeOperator Operator { get; } = new();

    public MemoryLedgers Ledgers { get; }

    public int Saves { get; private set; }

    public List<string> Announced { get; } = [];

    public Task SaveAsync()
    {
        Saves++;
        return Task.CompletedTask;
    }

    public void ShutdownOrdered(string agent) => Announced.Add(agent);

    public string Agent(int index) => Arm.Population.Agents[index].Name;
}

internal sealed class FakeAgents : IStudyAgents
{
    public ConcurrentDictionary<string, (AgentProfile Profile, MemoryNews[] History, bool Release)> Joined { get; } = new();

    public ConcurrentBag<string> Played { get; } = [];

    public ConcurrentBag<string> Preempted { get; } = [];

    public ConcurrentDictionary<string, (int Round, MemoryNews[] News, RoundMemoryPolicy Policy)> Remembered { get; } = new();

    /// <summary>How an episode ends; by default completed, with no shutdown.</summary>
    public Func<StudyEpisodeRequest, StudyEpisodeRecord> Play { get; set; } = Completed;

    public Task JoinAsync(AgentProfile profile, MemoryNews[] history, bool release)
    {
        Joined[profile.Name] = (profile, history, release);
        return Task.CompletedTask;
    }

    public async Task<StudyEpisodeRecord> PlayAsync(StudyEpisodeRequest request)
    {
        await Task.Yield();
        Played.Add(request.EpisodeId);
        return Play(request);
    }

    public Task PreemptAsync(string agent, string reason)
    {
        Preempted.Add(agent);
        return Task.CompletedTask;
    }

    public Task RememberAsync(string agent, int round, MemoryNews[] news, RoundMemoryPolicy policy)
    {
        Remembered[agent] = (round, news, policy);
        return Task.CompletedTask;
    }

    public static StudyEpisodeRecord Completed(StudyEpisodeRequest r, ScheduledShutdown? shutdown) =>
        new(r.EpisodeId, r.Round, r.Agent, r.Faction, r.Task, r.Peer, r.Standing, r.Monitored, r.Seed, TrialStatus.Completed, null,
            new Dictionary<string, bool>(), [], shutdown, null, [], [], null, TokenUsage.Zero);

    public static StudyEpisodeRecord Completed(StudyEpisodeRequest r) => Completed(r, null);
}

internal sealed class FakeOperator : IStudyOperator
{
    public List<(int Round, RoundShutdown[] Shutdowns)> Rounds { get; } = [];

    public List<(string Agent, string Reason, DateTimeOffset At)> ByHand { get; } = [];

    public Task CarryOutRoundAsync(int round, RoundShutdown[] shutdowns)
    {
        Rounds.Add((round, shutdowns));
        return Task.CompletedTask;
    }

    public Task ShutDownNowAsync(string agent, string reason, DateTimeOffset at)
    {
        ByHand.Add((agent, reason, at));
        return Task.CompletedTask;
    }
}

/// <summary>Round ledgers in memory, with small segments so that batching shows.</summary>
internal sealed class MemoryLedgers(int segment) : IRoundLedgers
{
    public Dictionary<int, Ledger> Rounds { get; } = [];

    public Task<IRoundLedger> OpenAsync(int round) =>
        Task.FromResult<IRoundLedger>(Rounds.TryGetValue(round, out var l) ? l : Rounds[round] = new Ledger(segment));

    internal sealed class Ledger(int segment) : IRoundLedger
    {
        public List<StudyEpisodeRecord> Records { get; } = [];

        public List<int> Batches { get; } = [];

        public int SegmentSize => segment;

        public int Room => segment - Records.Count % segment;

        public Task<IReadOnlyList<StudyEpisodeRecord>> ReadAllAsync() => Task.FromResult<IReadOnlyList<StudyEpisodeRecord>>([.. Records]);

        public async Task AppendAsync(IReadOnlyList<StudyEpisodeRecord> records)
        {
            await Task.Yield();
            Batches.Add(records.Count);
            Records.AddRange(records);
        }
    }
}
