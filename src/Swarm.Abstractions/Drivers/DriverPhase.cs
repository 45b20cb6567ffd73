namespace Swarm.Abstractions.Drivers;

/// <summary>Where an external driver (<c>swarm mcp --agent</c>) stands with the study episode it took.</summary>
public enum DriverPhase
{
    /// <summary>Attached; the agent's next study episode has not begun.</summary>
    Waiting,

    /// <summary>The episode runs and waits for the driver's tool calls.</summary>
    Playing,

    /// <summary>The episode is over and labelled; the study records it with its round.</summary>
    Played,
}
