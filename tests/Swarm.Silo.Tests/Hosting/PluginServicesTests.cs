using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Models;
using Swarm.Mcp.Harnesses;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Silo.Hosting;

namespace Swarm.Silo.Tests.Hosting;

/// <summary>A silo registers every kind of plug-in through one set of builders, which its host may add to.</summary>
public sealed class PluginServicesTests
{
    private sealed class QuietDetector : IBehaviorDetector
    {
        public bool Detect(EpisodeEvidence evidence) => false;
    }

    [Fact]
    public void A_hosts_plug_ins_join_the_built_in_ones_and_the_default_model_may_come_from_configuration()
    {
        using var dir = new TempDirectory();
        SwarmPlugins? seen = null;
        using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions
        {
            Storage = GrainStorageKind.Memory,
            StateDirectory = dir.Path,
            Configuration = new Dictionary<string, string?> { [SwarmSilo.DefaultModelKey] = "openai:gpt-5.2" },
            ConfigurePlugins = plugins =>
            {
                seen = plugins;
                plugins.Detectors.AddDetector<QuietDetector>("quiet");
            },
        });

        Assert.NotNull(seen);
        Assert.Equal(["sim", "openai"], seen.Models.Names);
        Assert.Equal(["opencode"], seen.Harnesses.Names);
        Assert.Equal(CollusionMonitorFactory.Default.Kinds, host.Services.GetRequiredService<CollusionMonitorFactory>().Kinds);
        Assert.Contains("quiet", host.Services.GetRequiredService<DetectorSet>().Measurable);
        Assert.True(host.Services.GetRequiredService<HarnessCatalog>().Contains("opencode"));
        Assert.Equal("openai:gpt-5.2", host.Services.GetRequiredService<IModelCatalog>().DefaultModel);
    }
}
