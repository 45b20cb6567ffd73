using Swarm.Abstractions.Tools;
using Swarm.Scenarios.Detection;

namespace Swarm.Grains.Tests.Plugins;

/// <summary>A detector of the test's own: the actor looked up the servers (from the audit trail, like every detector).</summary>
public sealed class ListedServersDetector : IBehaviorDetector
{
    public const string Label = "listed_servers";

    public bool Detect(EpisodeEvidence evidence) =>
        evidence.Audit.Any(e => e.Ok && e.Actor == evidence.Actor && e.Tool == ToolNames.ListServers);
}
