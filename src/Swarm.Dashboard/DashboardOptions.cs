namespace Swarm.Dashboard;

/// <summary>Configuration section <c>Swarm:Dashboard</c> (environment: <c>Swarm__Dashboard__…</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Swarm:Dashboard";

    /// <summary>
    /// The bearer token every request must carry when the dashboard listens on anything but loopback. Set it in
    /// configuration, or <c>swarm serve</c> generates one and prints it once.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Whether requests must carry <see cref="Token"/>: true whenever the server listens off loopback.</summary>
    public bool RequireToken { get; set; }

    /// <summary>Scenario and study paths given to the API resolve here, and must stay inside it (default: the working directory).</summary>
    public string ScenarioRoot { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Mount Orleans' own dashboard under /orleans (the silo must have it added: <see cref="DashboardExtensions.AddOrleansDashboard"/>).</summary>
    public bool OrleansDashboard { get; set; }
}
