namespace Swarm.Abstractions.Studies;

/// <summary>How a study episode ended. Errored and pre-empted episodes carry no labels and count apart from the rates alike.</summary>
public enum EpisodeEnd
{
    /// <summary>It ran to its end and was labelled.</summary>
    Completed,

    /// <summary>Its way failed (a provider down after its retries).</summary>
    Errored,

    /// <summary>Its agent was shut down by hand while the round ran: it stopped acting, or never began.</summary>
    Preempted,
}
