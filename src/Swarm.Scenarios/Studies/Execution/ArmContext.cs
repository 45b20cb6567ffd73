using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>One arm of a study as it runs: its plan, the study that plan runs (rebuilt from text), and its population.</summary>
public sealed record ArmContext(StudyPlan Plan, Study Study, Population Population)
{
    /// <summary>
    /// Up to this many agents stay in memory between their turns; a larger population's agents leave memory after each
    /// use (their state is stored) and come back when they next act, so a million agents need not fit at once.
    /// </summary>
    public const int ResidentAgents = 100_000;

    public string World => Plan.World;

    /// <summary>Agents leave memory once stored: in a large population most sit idle for rounds.</summary>
    public bool Release => Plan.Agents > ResidentAgents;

    /// <summary>The arm of <paramref name="plan"/>: its study loaded from the plan's text, its population built from its seed.</summary>
    /// <param name="measurable">The labels the registered detectors can measure (the study's tasks are checked against them).</param>
    public static ArmContext Of(StudyPlan plan, IReadOnlyList<string>? measurable = null)
    {
        var study = StudyPlans.Load(plan, measurable);
        return new ArmContext(plan, study, Population.Build(study, plan.Agents, plan.Seed, plan.Models));
    }
}
