using Orleans;

namespace Swarm.Abstractions.Runtime;

/// <summary>A cancelled experiment or study was asked to start or resume: it never runs again (its results are kept).</summary>
[GenerateSerializer]
public sealed class RunCancelledException(string message) : InvalidOperationException(message);
