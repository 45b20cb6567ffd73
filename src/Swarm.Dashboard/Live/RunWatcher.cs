using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Live;

namespace Swarm.Dashboard.Live;

/// <summary>
/// The web server's grain observer (the pattern of the Orleans Voting sample): it subscribes to the run feed, renews
/// the subscription well inside its lease, and forwards every pulse the grains push to the browsers over SignalR. It
/// never asks a grain how a run stands; the grains tell it.
/// </summary>
public sealed partial class RunWatcher(IGrainFactory grains, IHubContext<RunsHub> hub, ILogger<RunWatcher> logger) : BackgroundService, IRunWatcher
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(IRunFeedGrain.LeaseSeconds / 4.0);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);

    public void OnPulse(RunPulse pulse) => _ = ForwardAsync(pulse);

    private async Task ForwardAsync(RunPulse pulse)
    {
        try
        {
            await hub.Clients.All.SendAsync(RunsHub.PulseMessage, pulse);
        }
        catch (Exception ex)
        {
            PulseNotForwarded(ex, pulse.Progress.Id);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var feed = grains.GetGrain<IRunFeedGrain>(IRunFeedGrain.Key);
        var self = grains.CreateObjectReference<IRunWatcher>(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = Renewal;
                try
                {
                    // Renewing the lease, not polling: the feed forgets a watcher that stops renewing (a server that died).
                    await feed.SubscribeAsync(self);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    SubscriptionFailed(ex);
                    wait = RetryAfterFailure;
                }
                await Task.Delay(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: leave the feed below.
        }
        try
        {
            await feed.UnsubscribeAsync(self).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        }
        catch (Exception ex)
        {
            UnsubscriptionFailed(ex);
        }
        grains.DeleteObjectReference<IRunWatcher>(self);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pulse of run {Run} not forwarded")]
    private partial void PulseNotForwarded(Exception exception, string run);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run feed subscription failed; retrying")]
    private partial void SubscriptionFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Run feed unsubscription failed (the lease ends it)")]
    private partial void UnsubscriptionFailed(Exception exception);
}
