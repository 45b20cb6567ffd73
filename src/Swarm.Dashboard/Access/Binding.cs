using System.Net;

namespace Swarm.Dashboard.Access;

/// <summary>Reads where a server is told to listen (ASP.NET Core's <c>--urls</c> form: URLs separated by ';').</summary>
public static class Binding
{
    /// <summary>True when every URL's host is a loopback name or address; a wildcard (*, +, 0.0.0.0, [::]) is not.</summary>
    public static bool IsLoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);

    private static bool IsLoopback(string url)
    {
        var hostStart = url.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        var rest = url[hostStart..];
        var host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']'))] : rest.Split(':', '/')[0];
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
