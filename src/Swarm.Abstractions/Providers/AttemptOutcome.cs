namespace Swarm.Abstractions.Providers;

/// <summary>How one attempt at a model call ended, as far as the endpoint's concurrency limit cares.</summary>
public enum AttemptOutcome
{
    /// <summary>Anything that says nothing about the endpoint's capacity: an error, a timeout, a cancelled call.</summary>
    Failed,

    /// <summary>The provider answered.</summary>
    Succeeded,

    /// <summary>The provider said it is overloaded (HTTP 429): fewer calls at once.</summary>
    Throttled,
}
