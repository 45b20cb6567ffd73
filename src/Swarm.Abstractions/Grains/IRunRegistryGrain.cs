using Swarm.Abstractions.Runs;

namespace Swarm.Abstractions.Grains;

/// <summary>
/// Key: <see cref="Key"/>. Every experiment and study arm registers here when it first starts, so an operator (the
/// dashboard, Aspire's resource commands) can list what the cluster holds and act on it by id.
/// </summary>
public interface IRunRegistryGrain : IGrainWithStringKey
{
    public const string Key = "runs";

    /// <summary>Adds the run once; registering it again changes nothing.</summary>
    Task RegisterAsync(RunEntry entry);

    /// <summary>Every run registered, oldest first.</summary>
    Task<RunEntry[]> ListAsync();
}
