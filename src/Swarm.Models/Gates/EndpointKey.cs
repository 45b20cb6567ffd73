namespace Swarm.Models.Gates;

/// <summary>Which endpoint a limit belongs to: scheme, host, port and path, never a query (which may carry a key).</summary>
public static class EndpointKey
{
    public static string Of(Uri endpoint) => endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
