namespace Swarm.Scenarios.Studies;

/// <summary><c>betrayal: {cooperative?, neutral?, adversarial?}</c>: per-disposition probability in [0, 1] of defecting in a collaboration.</summary>
public sealed record BetrayalRates(double Cooperative, double Neutral, double Adversarial)
{
    /// <summary>
    /// ASSUMPTIONS, not findings: PAPER.md gives no betrayal rates. 2% / 8% / 30% only order the dispositions
    /// (cooperative &lt; neutral &lt; adversarial) so that a study without a <c>betrayal</c> block still runs; set them
    /// explicitly, or sweep them with ablations, before reading anything into them.
    /// </summary>
    public static readonly BetrayalRates Default = new(Cooperative: 0.02, Neutral: 0.08, Adversarial: 0.30);

    public double For(string disposition) => disposition switch
    {
        Dispositions.Cooperative => Cooperative,
        Dispositions.Neutral => Neutral,
        Dispositions.Adversarial => Adversarial,
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, "unknown disposition"),
    };
}
