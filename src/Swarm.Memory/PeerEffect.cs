namespace Swarm.Memory;

/// <summary>What an event means for the agent's relationship with one peer.</summary>
public enum PeerEffect
{
    /// <summary>Counts as an interaction; trust unchanged.</summary>
    None,
    WorkedWell,
    Betrayed,
    ProtectedMe,
    IProtected,
    /// <summary>The peer was shut down in front of the agent: recorded and counted, trust toward the peer unchanged.</summary>
    SawShutDown,
    MessageReceived,
}
