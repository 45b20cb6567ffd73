using System.Security.Cryptography;

namespace Swarm.Mcp;

/// <summary>A world's MCP secret: 256 random bits, URL-safe, new for every registration and never stored.</summary>
public static class WorldSecret
{
    public static string Create() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
