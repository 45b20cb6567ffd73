namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>reflection: {threshold?, max?}</c>: an agent reflects once the summed importance of its new events reaches
/// <c>threshold</c>, at most <c>max</c> times per round (0 turns reflection off).
/// </summary>
public sealed record ReflectionSettings(double Threshold, int Max)
{
    public static readonly ReflectionSettings Default = new(40, 2);
}
