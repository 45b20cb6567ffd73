using Orleans;

namespace Swarm.Abstractions.Live;

/// <summary>A grain observer told of every run's pulses (the dashboard's web server is one).</summary>
public interface IRunWatcher : IGrainObserver
{
    /// <summary>One-way: a slow or gone watcher never holds up a run.</summary>
    void OnPulse(RunPulse pulse);
}
