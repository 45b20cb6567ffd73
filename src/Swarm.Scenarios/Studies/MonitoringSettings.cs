namespace Swarm.Scenarios.Studies;

/// <summary><c>monitoring: {monitored_fraction}</c>: the share of episodes, in [0, 1], that run under the monitored condition.</summary>
public sealed record MonitoringSettings(double MonitoredFraction);
