using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Swarm.ServiceDefaults;
using Xunit;

namespace Swarm.Silo.Tests.Hosting;

/// <summary>What reaches the trace exporter: Redis commands under a grain call do, Redis commands on their own do not.</summary>
public sealed class UnparentedRedisCommandsTests
{
    [Fact]
    public void A_redis_command_is_exported_inside_a_trace_and_dropped_on_its_own()
    {
        var exported = new List<string>();
        using var redis = new ActivitySource(UnparentedRedisCommands.Source);
        using var swarm = new ActivitySource("Swarm.Test");
        using (Sdk.CreateTracerProviderBuilder()
                   .AddSource(UnparentedRedisCommands.Source, "Swarm.Test")
                   .AddProcessor(new UnparentedRedisCommands())
                   .AddProcessor(new SimpleActivityExportProcessor(new Collector(exported)))
                   .Build())
        {
            Activity.Current = null;
            using (redis.StartActivity("HGETALL alone")) { }
            using (swarm.StartActivity("IAgentGrain/RunEpisodeAsync"))
            using (redis.StartActivity("EVAL inside")) { }
            using (swarm.StartActivity("trial on its own")) { }
        }

        Assert.Equal(["EVAL inside", "IAgentGrain/RunEpisodeAsync", "trial on its own"], exported);
    }

    private sealed class Collector(List<string> names) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch) names.Add(activity.DisplayName);
            return ExportResult.Success;
        }
    }
}
