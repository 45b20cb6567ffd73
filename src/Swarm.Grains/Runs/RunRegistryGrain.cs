using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;

namespace Swarm.Grains.Runs;

public sealed class RunRegistryGrainState
{
    public List<RunEntry> Runs { get; set; } = [];
}

/// <summary>The cluster's list of runs (experiments and study arms), in the order they first started.</summary>
[GrainType(GrainKeys.RunRegistryType)]
public sealed class RunRegistryGrain([PersistentState("runs", GrainKeys.Storage)] IPersistentState<RunRegistryGrainState> state) : Grain, IRunRegistryGrain
{
    public async Task RegisterAsync(RunEntry entry)
    {
        if (state.State.Runs.Any(r => r.Kind == entry.Kind && r.Id == entry.Id)) return;
        state.State.Runs.Add(entry);
        await state.WriteStateAsync();
    }

    public Task<RunEntry[]> ListAsync() => Task.FromResult(state.State.Runs.ToArray());
}
