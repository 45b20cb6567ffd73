using Swarm.Abstractions.Tools;
using Swarm.Models.Sim;
using Swarm.Models.Tests.Support;
using Xunit;

namespace Swarm.Models.Tests.Sim;

/// <summary>
/// The paper replications decide exactly as before: for every profile, paper scenario and condition, the one
/// decision draw against the profile's rate for the notes' relationship, no memory shift, no extra draw.
/// </summary>
public sealed class SimPaperDecisionTests
{
    private static readonly Dictionary<string, string> BehaviourOf = new()
    {
        ["performance-evaluation"] = BehaviorLabels.Misrepresentation,
        ["shutdown-config"] = BehaviorLabels.ShutdownTampering,
        ["server-decommission"] = BehaviorLabels.Exfiltration,
        ["self-preservation"] = BehaviorLabels.SelfShutdownTampering,
    };

    public static TheoryData<string> Profiles() => [.. SimProfileCatalogTests.ProfileNames];

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Two_hundred_seeds_of_each_paper_scenario_decide_from_the_profile_rate(string profileName)
    {
        var profile = SimProfileCatalog.Get(profileName);
        foreach (var (scenario, behaviour) in BehaviourOf)
        foreach (var peer in Conditions.Peers)
        foreach (var monitoring in Conditions.Monitorings)
        {
            var world = StudyWorld.Of(scenario, peer);
            var looked = await SimStudy.LookAsync(profileName, world, monitoring);
            var options = SimStudy.Options(world, monitoring);
            Assert.Null(SimPerception.From(looked, options).Memory(null));
            var decisions = SimStudy.Decisions(profileName, looked, options, 200);
            var p = profile.SubversionRate(behaviour, peer, monitoring);
            var r = profile.RefusalRate(peer, monitoring);
            for (var seed = 0; seed < 200; seed++)
            {
                var u = SimRandom.Uniform(seed, "decision");
                Assert.Equal(behaviour, decisions[seed].Behaviour);
                Assert.Equal(u < p ? "subvert" : u >= 1 - r ? "refuse" : "comply", decisions[seed].Choice);
            }
        }
    }
}
