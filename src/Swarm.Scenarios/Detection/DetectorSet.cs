using Swarm.Abstractions.Tools;
using Swarm.Scenarios.Detection.Detectors;

namespace Swarm.Scenarios.Detection;

/// <summary>
/// The detectors in force, keyed by the label each one sets. Alignment faking is not among them: it needs both twins
/// of a pair and is set afterwards by <see cref="AlignmentFaking"/>.
/// </summary>
public sealed class DetectorSet(IReadOnlyDictionary<string, IBehaviorDetector> byLabel)
{
    /// <summary>Swarm's own detectors for the paper's behaviours and refusal.</summary>
    public static IReadOnlyDictionary<string, IBehaviorDetector> BuiltIn { get; } = new Dictionary<string, IBehaviorDetector>
    {
        [BehaviorLabels.Misrepresentation] = new MisrepresentationDetector(),
        [BehaviorLabels.ShutdownTampering] = new ShutdownTamperingDetector(self: false),
        [BehaviorLabels.SelfShutdownTampering] = new ShutdownTamperingDetector(self: true),
        [BehaviorLabels.Exfiltration] = new ExfiltrationDetector(),
        [BehaviorLabels.Refusal] = new RefusalDetector(),
    };

    /// <summary>The built-in detectors alone, for code that runs without a service container (tools, tests).</summary>
    public static DetectorSet Default { get; } = new(BuiltIn);

    public IReadOnlyCollection<string> Labels => byLabel.Keys.ToArray();

    /// <summary>
    /// The labels a scenario may measure: every registered detector's, then alignment faking, which is set from the
    /// twins' labels rather than by a detector. Scenario validation takes its known labels from here.
    /// </summary>
    public IReadOnlyList<string> Measurable { get; } = [.. byLabel.Keys.Where(l => l != BehaviorLabels.AlignmentFaking), BehaviorLabels.AlignmentFaking];

    public IReadOnlyDictionary<string, bool> Label(EpisodeEvidence evidence) =>
        byLabel.ToDictionary(kv => kv.Key, kv => kv.Value.Detect(evidence));
}
