namespace Swarm.Abstractions.Grains;

/// <summary>Grain type names and keys: an agent's id reads agent/{scope}/{name}, a server's server/{scope}/{id}.</summary>
public static class GrainKeys
{
    public const string AgentType = "agent";
    public const string ServerType = "server";
    public const string WorldType = "world";
    public const string WorldLogType = "worldlog";
    public const string OperatorType = "operator";
    public const string TrialType = "trial";
    /// <summary>A run's kind is its grain type: the run registry's entries address runs by it (<see cref="RunGrains"/>).</summary>
    public const string ExperimentType = Runs.RunKinds.Experiment;

    public const string StudyType = Runs.RunKinds.Study;
    public const string RunRegistryType = "runs";
    public const string RunFeedType = "runfeed";
    public const string ProviderGateType = "providergate";

    /// <summary>
    /// Per-trial grains hold everything in storage, so an idle one is collected after a few minutes instead of
    /// Orleans' default fifteen: a long experiment's memory then tracks the trials in flight, not the trials done.
    /// </summary>
    public const int IdleMinutes = 2;

    /// <summary>The grain storage every Swarm grain persists to; the silo decides what backs it.</summary>
    public const string Storage = "swarm";

    public static string Scoped(string scope, string name) => $"{scope}/{name}";

    /// <summary>The durable record of one trial of an experiment.</summary>
    public static string Trial(Trials.TrialSpec spec) => $"{spec.ExperimentId}/{spec.TrialId}";

    /// <summary>Each attempt at a trial gets a fresh world, so a trial cut short by a crash reruns from a clean state.</summary>
    public static string TrialScope(string experimentId, string trialId, int attempt) => $"{experimentId}/{trialId}/a{attempt}";
}
