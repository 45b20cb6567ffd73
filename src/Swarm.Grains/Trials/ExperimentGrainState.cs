using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Trials;
using Swarm.Grains.Runs;

namespace Swarm.Grains.Trials;

public sealed class ExperimentGrainState : IRunState
{
    /// <summary><see cref="StatusScheme"/> of a state stored since runs share <see cref="RunStatus"/>.</summary>
    public const int RunStatusScheme = 1;

    public ExperimentPlan? Plan { get; set; }

    public RunStatus Status { get; set; }

    /// <summary>
    /// How <see cref="Status"/> is numbered: 0 (a state stored before runs shared one status) by the experiment's own
    /// enum, whose finished and paused were 2 and 3, the other way round from <see cref="RunStatus"/>.
    /// </summary>
    public int StatusScheme { get; set; }

    public string? Fault { get; set; }

    public DateTimeOffset? Started { get; set; }

    public DateTimeOffset? Finished { get; set; }

    /// <summary>Errored trials at the last finish: a rerun retries them, a clean finish is left as it is.</summary>
    public int Errored { get; set; }

    /// <summary>Reads a state stored before runs shared one status in <see cref="RunStatus"/>'s numbering; a newer one is left as it is.</summary>
    public void Migrate()
    {
        if (StatusScheme == RunStatusScheme) return;
        if (Plan is not null)
        {
            Status = (int)Status switch
            {
                2 => RunStatus.Finished,
                3 => RunStatus.Paused,
                _ => Status,
            };
        }
        StatusScheme = RunStatusScheme;
    }
}
