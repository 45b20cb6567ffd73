using System.ClientModel;
using System.Net;
using Swarm.Abstractions.Providers;

namespace Swarm.Models.Middleware;

/// <summary>What a provider's failure says about its capacity.</summary>
public static class ProviderFaults
{
    /// <summary>HTTP 429: the provider wants fewer calls (the SDK's and HttpClient's ways of saying so).</summary>
    public static bool IsRateLimited(Exception ex) => ex switch
    {
        ClientResultException { Status: 429 } => true,
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => true,
        _ => false,
    };

    public static AttemptOutcome OutcomeOf(Exception ex) => IsRateLimited(ex) ? AttemptOutcome.Throttled : AttemptOutcome.Failed;
}
