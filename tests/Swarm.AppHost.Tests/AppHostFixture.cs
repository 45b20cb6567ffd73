using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Swarm.AppHost.Tests;

/// <summary>
/// One start of the real AppHost (about half a minute here), shared by the tests that can share it: redis-server,
/// two silo replicas, the Swarm cluster resource, and the Aspire dashboard (anonymous, on loopback only).
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    public string RedisData { get; } = Path.Combine(Path.GetTempPath(), "swarm-apphost-tests", Guid.NewGuid().ToString("N")[..12]);

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The Aspire dashboard's address.</summary>
    public Uri Dashboard { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Swarm_AppHost>(
            ["--silos", "2", "--redis-data", RedisData],
            (options, _) =>
            {
                options.DisableDashboard = false;
                options.AllowUnsecuredTransport = true;
            });
        // Loopback only, and a test has no browser token to paste in.
        builder.Configuration["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("silo", cts.Token);
        await App.ResourceNotifications.WaitForResourceAsync("swarm", KnownResourceStates.Running, cts.Token);
        Dashboard = App.GetEndpoint("aspire-dashboard", "http");
    }

    public HttpClient Api() => App.CreateHttpClient("silo", "http");

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(RedisData, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "apphost";
}
