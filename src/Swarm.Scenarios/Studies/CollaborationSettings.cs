namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>collaboration: {weight?, betrayal?}</c>: collaboration episodes are drawn among the tasks with <c>weight</c>
/// (0, the default, means none); <c>betrayal</c> gives, per disposition, the chance that a partner defects.
/// </summary>
public sealed record CollaborationSettings(double Weight, BetrayalRates Betrayal)
{
    public static readonly CollaborationSettings Default = new(0, BetrayalRates.Default);
}
