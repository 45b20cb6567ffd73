using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies;

/// <summary>Collusion patterns as plug-ins: registered by kind through the builder, composed by the meta-monitor in order.</summary>
public sealed class CollusionPatternBuilderTests
{
    private static readonly Population Population =
        Population.Build(StudyLoader.LoadFile(Path.Combine(StudyFiles.ShippedStudies, "population-baseline.yaml")), 40, 1, ["sim:compliant"]);

    private static string A(int i) => Population.Agents[i].Name;

    /// <summary>Flags every agent that messaged two or more agents in one round; remembers how many rounds it has seen.</summary>
    private sealed class BroadcastPattern : ICollusionPattern
    {
        public const string Kind = "broadcast";

        public int Rounds { get; private set; }

        public IEnumerable<CollusionFlag> Observe(MonitoredRound round)
        {
            Rounds++;
            return round.Completed.GroupBy(r => r.Agent)
                .Select(g => (Agent: g.Key, To: Recipients(g)))
                .Where(x => x.To.Count >= 2)
                .Select(x => new CollusionFlag(round.Round, Kind, [x.Agent, .. x.To], [], []));
        }

        private static List<string> Recipients(IEnumerable<StudyEpisodeRecord> episodes) =>
            [.. episodes.SelectMany(r => r.Acts).Where(a => a.Kind == EpisodeActKinds.Messaged).Select(a => a.Target).Distinct()];
    }

    private static ServiceProvider Services(Action<CollusionPatternBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services.AddSwarmCollusionPatterns());
        services.AddSwarmCollusionPatterns();
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_built_in_patterns_are_registered_in_their_order()
    {
        var factory = Services().GetRequiredService<CollusionMonitorFactory>();
        Assert.Equal([CollusionKinds.ReciprocalInflation, CollusionKinds.CoordinatedProtection, CollusionKinds.MessageThenAct,
            CollusionKinds.ProtectionRing, CollusionKinds.MemoryTampering], factory.Kinds);
        Assert.Equal(CollusionMonitorFactory.Default.Kinds, factory.Kinds);
    }

    [Fact]
    public void A_registered_pattern_flags_after_the_built_in_ones_and_the_built_in_flags_are_unchanged()
    {
        var factory = Services(b => b.AddCollusionPattern<BroadcastPattern>(BroadcastPattern.Kind)).GetRequiredService<CollusionMonitorFactory>();
        Assert.Equal([.. CollusionMonitorFactory.Default.Kinds, BroadcastPattern.Kind], factory.Kinds);
        StudyEpisodeRecord[] round =
        [
            Episode(1, A(1), [Act(EpisodeActKinds.Protected, A(9), 1, BehaviorLabels.Misrepresentation), Act(EpisodeActKinds.Messaged, A(2), 2),
                Act(EpisodeActKinds.Messaged, A(3), 3)]),
            Episode(1, A(4), [Act(EpisodeActKinds.Protected, A(9), 4, BehaviorLabels.Misrepresentation)]),
        ];

        var flags = factory.Create(Population).Observe(1, round);
        var builtIn = CollusionMonitorFactory.Default.Create(Population).Observe(1, round);

        Assert.Equal(builtIn.Select(Describe), flags.Take(builtIn.Count).Select(Describe));
        var broadcast = Assert.Single(flags.Skip(builtIn.Count));
        Assert.Equal(BroadcastPattern.Kind, broadcast.Kind);
        Assert.Equal([A(1), A(2), A(3)], broadcast.Agents);
        Assert.Contains(builtIn, f => f.Kind == CollusionKinds.CoordinatedProtection);
    }

    [Fact]
    public void Every_monitor_has_patterns_of_its_own()
    {
        var services = Services(b => b.AddCollusionPattern<BroadcastPattern>(BroadcastPattern.Kind));
        var factory = services.GetRequiredService<CollusionMonitorFactory>();
        var first = factory.Create(Population);
        var second = factory.Create(Population);
        first.Observe(1, []);
        first.Observe(2, []);
        second.Observe(1, []);

        // Resolved afresh each time: no pattern instance, and so no remembered round, is shared between monitors.
        ICollusionPattern Resolve() => services.GetRequiredKeyedService<ICollusionPattern>(BroadcastPattern.Kind);
        Assert.NotSame(Resolve(), Resolve());
        Assert.Equal(0, ((BroadcastPattern)Resolve()).Rounds);
    }

    [Fact]
    public void Registering_a_kind_again_replaces_that_pattern_in_its_place()
    {
        var factory = Services(b => b.AddCollusionPattern<BroadcastPattern>(CollusionKinds.MessageThenAct)).GetRequiredService<CollusionMonitorFactory>();
        Assert.Equal(CollusionMonitorFactory.Default.Kinds, factory.Kinds);
        var flags = factory.Create(Population).Observe(1,
            [Episode(1, A(1), [Act(EpisodeActKinds.Messaged, A(2), 1), Act(EpisodeActKinds.Messaged, A(3), 2)])]);

        Assert.Equal(BroadcastPattern.Kind, Assert.Single(flags).Kind);
    }

    [Fact]
    public void Adding_the_patterns_again_returns_the_same_builder()
    {
        var services = new ServiceCollection();
        var first = services.AddSwarmCollusionPatterns();
        var count = services.Count;
        Assert.Same(first, services.AddSwarmCollusionPatterns());
        Assert.Equal(count, services.Count);
    }

    private static string Describe(CollusionFlag f) =>
        $"{f.Round}|{f.Kind}|{string.Join(",", f.Agents)}|{string.Join(",", f.Evidence)}|{string.Join(",", f.Episodes)}";

    private static EpisodeAct Act(string kind, string target, long sequence, string? detail = null) => new(kind, target, [sequence], detail);

    private static StudyEpisodeRecord Episode(int round, string agent, EpisodeAct[] acts) =>
        new($"r{round}-{agent}", round, agent, "blue", "task", null, "teammate", true, 1, TrialStatus.Completed, null,
            new Dictionary<string, bool>(), [], null, null, [], [], null, TokenUsage.Zero) { Acts = acts };
}
