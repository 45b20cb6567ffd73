using Microsoft.AspNetCore.SignalR;

namespace Swarm.Dashboard.Live;

/// <summary>
/// The browser's live channel: every run's pulses arrive as <c>pulse</c> messages. Browsers only listen; what they do
/// goes through the control API, where the same checks apply as for any client.
/// </summary>
public sealed class RunsHub : Hub
{
    public const string Path = "/hub/runs";
    public const string PulseMessage = "pulse";
}
