using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Grains.Runs;
using Swarm.Scenarios.Studies.Execution;

namespace Swarm.Grains.Studies;

/// <summary>A study arm as stored: its plan, where the run stands, and where the arm stands (<see cref="ArmStanding"/>).</summary>
public sealed class StudyGrainState : ArmStanding, IRunState
{
    public StudyPlan? Plan { get; set; }

    public RunStatus Status { get; set; }

    public string? Fault { get; set; }

    public DateTimeOffset? Started { get; set; }

    public DateTimeOffset? Finished { get; set; }

    /// <summary>The session last started and the round it runs to: what a study resumed by itself carries on with.</summary>
    public int Session { get; set; } = 1;

    public int UntilRound { get; set; }
}
