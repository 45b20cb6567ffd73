using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Runtime;

namespace Swarm.Grains.Runs;

/// <summary>
/// The reminder that brings a run back after the whole cluster restarted. A run registers it when its loop starts,
/// before any work, and not in the call that starts the run: for a while after silos join, Orleans' reminder service
/// holds registrations until it has read its share of the reminder table (up to 20 s, and again after each change of
/// membership), which is as long as a caller's whole response timeout. A registration that keeps failing is logged
/// and the run goes on without it: it still survives a silo lost, just not the loss of every silo.
/// </summary>
public static class ResumeReminder
{
    public const string Name = "resume";

    public const int Attempts = 6;

    /// <summary>Registers (or renews) the grain's reminder when runs resume by themselves (on a cluster); else does nothing.</summary>
    public static async Task RegisterAsync(Grain grain, ResumeOptions options, ILogger logger, string run, ActivationGuard guard)
    {
        if (!options.Automatic) return;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grain.RegisterOrUpdateReminder(Name, options.ReminderPeriod, options.ReminderPeriod);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !guard.Lost)
            {
                if (attempt == Attempts)
                {
                    RunLog.ReminderNotRegistered(logger, run, ex.GetType().Name, ex.Message);
                    return;
                }
                RunLog.ReminderRetried(logger, run, ex.GetType().Name, ex.Message, attempt + 1, Attempts);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, 1 << attempt)), guard.Token);
            }
        }
    }

    /// <summary>
    /// Removes the grain's reminder, if it has one: a run that finished, paused or was cancelled needs no waking. A
    /// removal that fails (the reminder service for the grain was on a silo that just died, and the cluster has not
    /// yet noticed) is logged and does not fail the run, which is already stored as it ended: the reminder left
    /// behind wakes the grain once, and the grain, seeing its run is not running, removes it then.
    /// </summary>
    public static async Task UnregisterAsync(Grain grain, ResumeOptions options, ILogger logger, string run)
    {
        if (!options.Automatic) return;
        try
        {
            if (await grain.GetReminder(Name) is { } reminder) await grain.UnregisterReminder(reminder);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            RunLog.ReminderNotRemoved(logger, run, ex.GetType().Name, ex.Message);
        }
    }
}
