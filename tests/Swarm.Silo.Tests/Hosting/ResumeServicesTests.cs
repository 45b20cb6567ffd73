using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Swarm.Grains.Runs;
using Swarm.Silo.Hosting;

namespace Swarm.Silo.Tests.Hosting;

/// <summary>
/// Runs resume by themselves only on a cluster (or where configuration says so), woken by a reminder; an embedded
/// silo's runs resume when their command is run again. So only a silo whose runs resume by themselves has a reminder
/// service: one started in a command that lasts seconds is still reading its table when the command stops, and prints
/// the cancelled read with its stack trace.
/// </summary>
public sealed class ResumeServicesTests
{
    [Theory]
    [InlineData(null, null, false)]
    [InlineData(true, null, true)]
    [InlineData(null, "true", true)]
    [InlineData(true, "false", false)]
    public void A_silo_has_a_reminder_service_only_where_its_runs_resume_by_themselves(bool? resumeRuns, string? configured, bool resumes)
    {
        using var dir = new TempDirectory();
        var configuration = new Dictionary<string, string?>();
        if (configured is not null) configuration["Swarm:Resume:Automatic"] = configured;
        using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions
        {
            Storage = GrainStorageKind.Memory,
            StateDirectory = dir.Path,
            ResumeRuns = resumeRuns,
            Configuration = configuration,
        });

        Assert.Equal(resumes, host.Services.GetRequiredService<IOptions<ResumeOptions>>().Value.Automatic);
        Assert.Equal(resumes, host.Services.GetService<IReminderTable>() is not null);
    }
}
