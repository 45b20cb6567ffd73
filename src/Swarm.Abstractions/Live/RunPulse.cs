using Orleans;
using Swarm.Abstractions.Runs;

namespace Swarm.Abstractions.Live;

/// <summary>
/// A run's news, pushed by the experiment or study grain to whoever watches (the dashboard's SignalR hub). Small on
/// purpose: a pulse says that something changed and where the run stands, in the same shape a front end gets when it
/// asks (<see cref="Grains.IRunGrain.GetProgressAsync"/>); a watcher that wants the rates reads them once.
/// </summary>
/// <param name="Detail">What the event concerns beyond the run, e.g. the agent ordered shut down.</param>
[Immutable]
public sealed record RunPulse(RunEvent Event, RunProgress Progress, string? Detail = null);
