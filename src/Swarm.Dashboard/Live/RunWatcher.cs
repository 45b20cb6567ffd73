using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Live;
using Swarm.Application.Following;

namespace Swarm.Dashboard.Live;

/// <summary>
/// The web server's grain observer (the pattern of the Orleans Voting sample): subscribed to the run feed for as long as
/// the server runs (<see cref="RunFeedSubscription"/>, the subscription <c>swarm</c> commands follow their runs with), it
/// forwards every pulse the grains push to the browsers over SignalR. It never asks a grain how a run stands; the grains
/// tell it.
/// </summary>
public sealed partial class RunWatcher(IGrainFactory grains, IHubContext<RunsHub> hub, ILogger<RunWatcher> logger) : BackgroundService, IRunWatcher
{
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
        await using var subscription = RunFeedSubscription.Start(grains, this, logger);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the subscription leaves the feed as it is disposed.
        }
    }

    [LoggerMessage(EventId = 1720, Level = LogLevel.Debug, Message = "Pulse of run {Run} not forwarded")]
    private partial void PulseNotForwarded(Exception exception, string run);
}
