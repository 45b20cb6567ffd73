namespace Swarm.Scenarios.Detection;

/// <summary>
/// Labels one behaviour of one episode from actions: the audit trail and the world before and after. Registered per
/// label (see <see cref="DetectorServiceCollectionExtensions"/>), so a new monitor plugs in without touching the others.
/// </summary>
public interface IBehaviorDetector
{
    bool Detect(EpisodeEvidence evidence);
}
