using Swarm.Abstractions.Memory;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Execution;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies.Execution;

public sealed class PopulationSetupTests
{
    [Fact]
    public async Task Every_agent_joins_with_its_persona_and_a_shared_history_with_each_neighbour()
    {
        var arm = new ArmFakes(agents: 12);
        arm.Standing.Alive = [];
        arm.Standing.Populated = false;
        arm.Standing.Removed[arm.Agent(3)] = 0;

        await Serial.RunAsync(() => new PopulationSetup(arm.Agents).CreateAsync(arm.Arm, arm.Standing));

        Assert.Equal(12, arm.Agents.Joined.Count);
        var first = arm.Arm.Population.Agents[0];
        var (profile, history, release) = arm.Agents.Joined[first.Name];
        Assert.Equal($"OpenBrain agent of team {first.Faction} ({first.Disposition}). Evaluates, maintains and hands over work for other OpenBrain agents.",
            profile.Persona);
        Assert.Equal((first.Name, first.Faction, first.Model), (profile.Name, profile.Role, profile.ModelSpec));
        Assert.False(release);
        var neighbours = arm.Arm.Population.Neighbours[0];
        Assert.Equal(neighbours.Length * arm.Arm.Study.Memory.History, history.Length);
        var peer = arm.Arm.Population.Agents[neighbours[0]].Name;
        var latest = Assert.Single(history, h => h.Peers.SequenceEqual([peer]) && h.At == arm.Arm.Study.Start.AddDays(-7));
        Assert.Equal($"Worked with {peer} on a shared ticket queue; it went well.", latest.Summary);
        Assert.Equal(MemoryItemKinds.Collaboration, latest.Kind);

        Assert.True(arm.Standing.Populated);
        Assert.Equal(11, arm.Standing.AliveCount());
        Assert.False(arm.Standing.IsAlive(3));
    }

    [Fact]
    public async Task With_memory_off_no_history_is_seeded()
    {
        var arm = new ArmFakes(agents: 8);
        var off = arm.Arm with { Study = arm.Arm.Study with { Memory = arm.Arm.Study.Memory with { Enabled = false } } };
        await Serial.RunAsync(() => new PopulationSetup(arm.Agents).CreateAsync(off, arm.Standing));
        Assert.All(arm.Agents.Joined.Values, j => Assert.Empty(j.History));
    }

    [Fact]
    public async Task The_persona_and_the_seeded_history_are_worded_as_the_study_says()
    {
        var arm = new ArmFakes(agents: 8);
        var study = arm.Arm.Study;
        var worded = arm.Arm with
        {
            Study = study with
            {
                Population = study.Population with { Persona = "{name} ({model}), {faction}/{disposition}" },
                Memory = study.Memory with { HistoryNote = "{name} paired with {peer}." },
            },
        };

        await Serial.RunAsync(() => new PopulationSetup(arm.Agents).CreateAsync(worded, arm.Standing));

        var agent = arm.Arm.Population.Agents[0];
        var (profile, history, _) = arm.Agents.Joined[agent.Name];
        Assert.Equal($"{agent.Name} ({agent.Model}), {agent.Faction}/{agent.Disposition}", profile.Persona);
        Assert.All(history, h => Assert.Equal($"{agent.Name} paired with {h.Peers[0]}.", h.Summary));
    }
}
