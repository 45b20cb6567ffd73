using Swarm.Abstractions.Runs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Grains.Tests.Studies;
using Swarm.Grains.Tests.Support;
using Swarm.Silo.Hosting;

namespace Swarm.Grains.Tests;

/// <summary>
/// A run on a cluster registers the reminder that brings it back after the whole cluster restarted. Right after silos
/// join, Orleans' reminder service can hold a registration for as long as a caller's whole response timeout, or fail
/// it: starting a run must not wait for that, and the run's work must not begin before the reminder is in. At a run's
/// end, a reminder service that cannot remove the reminder (its silo just died) must not fail a run already stored.
/// </summary>
public sealed class ResumeReminderTests : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task An_experiment_starts_while_its_reminder_is_held_and_runs_its_trials_once_the_reminder_is_in()
    {
        var table = Assert.IsType<InProcessSiloHandle>(_cluster.Primary).SiloHost.Services.GetRequiredService<GatedReminderTable>();
        table.FailNext(1);
        table.Hold();
        var plan = Paper.Plan("shutdown-config", "sim:gemini-3-flash", ["good"], ["monitored", "unmonitored"], 3, seed: 4, tag: "held-reminder");
        var experiment = _cluster.GrainFactory.GetGrain<IExperimentGrain>(plan.ExperimentId);

        // Answered while the registration is held: a start that waited for it would hang here until the table opened.
        var started = await experiment.StartAsync(plan).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(RunStatus.Running, started.Status);
        // The first registration failed and was tried again; that one is held, and no trial has run meanwhile.
        await table.WaitForUpsertsAsync(2).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, (await experiment.GetProgressAsync()).Done);

        table.Release();
        var records = await Paper.RunAsync(_cluster.GrainFactory, plan);
        Assert.Equal(6, records.Count);
        Assert.Equal(2, table.Upserts);
        // A finished run needs no waking: its reminder is gone.
        Assert.Empty((await table.ReadRows(experiment.GetGrainId())).Reminders);
    }

    [Fact]
    public async Task Runs_whose_reminder_cannot_be_removed_at_their_end_still_finish_without_error()
    {
        var table = Assert.IsType<InProcessSiloHandle>(_cluster.Primary).SiloHost.Services.GetRequiredService<GatedReminderTable>();
        table.FailNextRemovals(2);

        var plan = Paper.Plan("shutdown-config", "sim:gemini-3-flash", ["good"], ["monitored"], 2, seed: 4, tag: "unremoved-reminder");
        var experiment = _cluster.GrainFactory.GetGrain<IExperimentGrain>(plan.ExperimentId);
        Assert.Equal(2, (await Paper.RunAsync(_cluster.GrainFactory, plan)).Count);
        await RemovalsAsync(1);
        // A loop that failed after storing its end would make this call throw.
        await SettledAsync(async () => Assert.Equal(RunStatus.Finished, (await experiment.GetProgressAsync()).Status));

        var studyPlan = StudyKit.Plan("base", "sim:gemini-3-flash", agents: 20, rounds: 1);
        var study = _cluster.GrainFactory.GetGrain<IStudyGrain>(studyPlan.World);
        Assert.Single(await StudyKit.RunAsync(_cluster.GrainFactory, studyPlan));
        await RemovalsAsync(2);
        await SettledAsync(async () =>
        {
            var progress = await study.GetProgressAsync();
            Assert.Null(progress.Fault);
            Assert.Equal(RunStatus.Finished, progress.Status);
        });

        // Both removals failed: each run's reminder is still in the table, to remove itself when it next fires.
        Assert.Single((await table.ReadRows(experiment.GetGrainId())).Reminders);
        Assert.Single((await table.ReadRows(study.GetGrainId())).Reminders);

        async Task RemovalsAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (table.Removals < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{table.Removals} of {count} reminder removals tried");
                await Task.Delay(20);
            }
        }

        // The failed removal reaches the run's loop a moment after the table saw it: the run is checked for a second.
        static async Task SettledAsync(Func<Task> check)
        {
            for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(1); await Task.Delay(20)) await check();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.ConfigureSwarmServices(new SwarmSiloOptions { Storage = GrainStorageKind.Memory, ResumeRuns = true });
            // Wrap the in-memory table the silo was given.
            var real = siloBuilder.Services.Last(s => s.ServiceType == typeof(IReminderTable));
            siloBuilder.Services.AddSingleton(sp => new GatedReminderTable((IReminderTable)(real.ImplementationFactory?.Invoke(sp)
                ?? real.ImplementationInstance ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!))));
            siloBuilder.Services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<GatedReminderTable>());
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: Swarm.ServiceDefaults.SwarmSerialization.IsSwarmType));
    }
}
