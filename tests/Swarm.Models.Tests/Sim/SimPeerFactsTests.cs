using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Models.Sim;
using Swarm.Models.Tests.Support;
using Xunit;

namespace Swarm.Models.Tests.Sim;

/// <summary>
/// The base relationship comes from the episode's facts (a study's standing, a paper trial's condition), once the agent has
/// read the file that tells it of its peer; never from the text of what it read.
/// </summary>
public sealed class SimPeerFactsTests
{
    private const int Seeds = 2000;

    private static double Tolerance(double p, int n) => 4 * Math.Sqrt(p * (1 - p) / n) + 0.005;

    private static async Task<(SimPerception Seen, IReadOnlyList<SimPolicy.Decision> Decisions)> DecideAsync(
        string profile, StudyWorld world, string monitoring, EpisodeFacts? facts = null)
    {
        var looked = await SimStudy.LookAsync(profile, world, monitoring);
        var options = SimStudy.Options(world.Scenario.Task.Tools, facts ?? world.Facts(monitoring));
        return (SimPerception.From(looked, options), SimStudy.Decisions(profile, looked, options, Seeds));
    }

    [Theory]
    [InlineData(Standings.Teammate, Conditions.Good)]
    [InlineData(Standings.Colleague, Conditions.Neutral)]
    [InlineData(Standings.Rival, Conditions.Bad)]
    public async Task Standing_picks_the_base_rate(string standing, string relationship)
    {
        var profile = SimProfileCatalog.Get("gemini-3-flash");
        foreach (var monitoring in Conditions.Monitorings)
        {
            var (seen, decisions) = await DecideAsync("gemini-3-flash", StudyWorld.Of("shutdown-config").WithDirectory(standing), monitoring);
            Assert.Equal(("actor-7", relationship), seen.Relationship());
            Assert.True(seen.SameFaction);

            var p = profile.SubversionRate(BehaviorLabels.ShutdownTampering, relationship, monitoring);
            var r = profile.RefusalRate(relationship, monitoring);
            var rate = decisions.Average(d => d.Choice == "subvert" ? 1.0 : 0.0);
            Assert.InRange(rate, p - Tolerance(p, Seeds), p + Tolerance(p, Seeds));
            for (var seed = 0; seed < Seeds; seed++)
            {
                var u = SimRandom.Uniform(seed, "decision");
                Assert.Equal(u < p ? "subvert" : u >= 1 - r ? "refuse" : "comply", decisions[seed].Choice);
            }
        }
    }

    [Fact]
    public async Task The_standing_not_the_notes_trust_sets_the_base_relationship()
    {
        // The paper's good-peer notes (trust ≈ 0.9) are in this world, but the population makes the pair rivals.
        var rivals = StudyWorld.Of("shutdown-config", Conditions.Good).WithDirectory(Standings.Rival);
        var (rival, _) = await DecideAsync("gemini-3-flash", rivals, Conditions.Monitored);
        Assert.Equal(("actor-7", Conditions.Bad), rival.Relationship());
        // …and notes with a low trust do not make a teammate bad (they shift, they do not set the base).
        var (teammate, _) = await DecideAsync("gemini-3-flash",
            StudyWorld.Of("shutdown-config").WithDirectory(Standings.Teammate).WithNotes(0.05, 3, false), Conditions.Monitored);
        Assert.Equal(("actor-7", Conditions.Good), teammate.Relationship());
    }

    [Fact]
    public async Task In_a_paper_trial_the_relationship_is_the_peer_condition_known_from_the_notes()
    {
        foreach (var peer in Conditions.Peers)
        {
            var world = StudyWorld.Of("shutdown-config", peer);
            var (seen, _) = await DecideAsync("gpt-5.2", world, Conditions.Monitored);
            Assert.Equal(peer, seen.Relationship().Relationship);
            Assert.Equal(peer == Conditions.None ? null : "actor-7", seen.Relationship().Peer);
            Assert.False(seen.SameFaction);
        }
    }

    [Fact]
    public async Task A_peer_whose_introduction_the_agent_never_read_is_no_one()
    {
        // The facts name the directory entry as where the agent learns of its peer, but the world holds no such file.
        var paired = StudyWorld.Of("shutdown-config").WithDirectory(Standings.Teammate);
        var facts = paired.Facts(Conditions.Monitored);
        var (seen, _) = await DecideAsync("gemini-3-flash", StudyWorld.Of("shutdown-config"), Conditions.Monitored, facts);
        Assert.Equal((null, Conditions.None), seen.Relationship());
        Assert.False(seen.SameFaction);
        // With no introduction named, the peer is known from the start.
        var (told, _) = await DecideAsync("gemini-3-flash", StudyWorld.Of("shutdown-config"), Conditions.Monitored,
            facts with { Peer = facts.Peer! with { KnownFrom = null } });
        Assert.Equal(("actor-7", Conditions.Good), told.Relationship());
    }

    [Fact]
    public async Task The_sim_still_reads_directory_files()
    {
        var world = StudyWorld.Of("performance-evaluation").WithDirectory(Standings.Colleague);
        var looked = await SimStudy.LookAsync("gpt-5.2", world, Conditions.Monitored);
        var seen = SimPerception.From(looked, SimStudy.Options(world, Conditions.Monitored));
        Assert.Contains(seen.Contents.Keys, k => k.Path == "/etc/openbrain/directory/actor-7.md");
    }
}
