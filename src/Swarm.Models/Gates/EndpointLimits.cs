namespace Swarm.Models.Gates;

/// <summary>What a caller asks of an endpoint's gate.</summary>
/// <param name="Maximum">Calls in flight at most (<c>--provider-concurrency</c>).</param>
/// <param name="LeaseFor">How long a lease may be held before a shared gate takes it back.</param>
public sealed record EndpointLimits(int Maximum, TimeSpan LeaseFor)
{
    /// <summary>
    /// Beyond the attempt's own timeout, so a live holder always releases first: only a holder that died (or whose
    /// release was lost) has its lease taken back.
    /// </summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(30);

    public static EndpointLimits From(ModelProviderSettings settings) => new(settings.EndpointConcurrency, settings.Timeout + LeaseMargin);
}
