namespace Swarm.Grains.Runs;

/// <summary>
/// Whether unfinished runs resume by themselves. On a cluster they do: an experiment or study whose grain comes back
/// (on another silo after one died, or after the whole cluster restarted, woken by its reminder) carries on without
/// anyone rerunning the command. An embedded silo lives only as long as the command that runs the work, so there
/// the command resumes it, and opening the state to read it (<c>swarm memory</c>) must not set it running.
/// </summary>
public sealed class ResumeOptions
{
    public bool Automatic { get; set; }

    /// <summary>How often a running run's reminder checks that it is running (Orleans' minimum is one minute).</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many times work cut short by a cluster fault is run again before the run stops with the fault.</summary>
    public int FaultRetries { get; set; } = 20;
}
