namespace Swarm.Mcp;

/// <summary>An episode's address on an <see cref="McpHttpHost"/> (its secret is part of it); disposing withdraws it.</summary>
public sealed class McpHttpEndpoint(Uri url, Action withdraw) : IDisposable
{
    /// <summary>The streamable HTTP endpoint, secret included: hand it only to the client that plays the agent.</summary>
    public Uri Url { get; } = url;

    public void Dispose() => withdraw();
}
