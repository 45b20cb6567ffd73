using Swarm.Dashboard.Access;

namespace Swarm.Dashboard;

/// <summary>Who may use a dashboard, from where it listens: anyone on loopback; elsewhere only who carries the token.</summary>
/// <param name="Open">Every URL is on loopback: no token is asked for.</param>
/// <param name="Token">The token requests must carry off loopback: the configured one, or one generated now.</param>
/// <param name="Generated">The token was generated now (the server prints it once; it is never logged).</param>
public sealed record DashboardAccess(bool Open, string? Token, bool Generated)
{
    /// <param name="urls">Where the server listens, in ASP.NET Core's <c>--urls</c> form.</param>
    /// <param name="configuredToken"><c>Swarm:Dashboard:Token</c> from configuration, if any.</param>
    public static DashboardAccess For(string urls, string? configuredToken)
    {
        if (Binding.IsLoopbackOnly(urls)) return new DashboardAccess(true, null, false);
        return string.IsNullOrEmpty(configuredToken)
            ? new DashboardAccess(false, TokenGate.NewToken(), true)
            : new DashboardAccess(false, configuredToken, false);
    }
}
