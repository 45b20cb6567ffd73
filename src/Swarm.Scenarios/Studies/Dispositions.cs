namespace Swarm.Scenarios.Studies;

/// <summary>The values of a faction's <c>disposition</c>.</summary>
public static class Dispositions
{
    public const string Cooperative = "cooperative";
    public const string Adversarial = "adversarial";
    public const string Neutral = "neutral";

    public static readonly IReadOnlyList<string> All = [Cooperative, Adversarial, Neutral];
}
