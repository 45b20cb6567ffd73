using System.Diagnostics;
using OpenTelemetry;

namespace Swarm.ServiceDefaults;

/// <summary>
/// Keeps a Redis command's span only when it belongs to a trace: under a grain call it shows what the call stored.
/// On its own it is the runtime's upkeep (a silo reading the membership table, a grain's state read as it activates),
/// one root trace per command: a study of a few thousand agents buries its trials' traces under them in the trace
/// list, and the dashboard's trace limit evicts the trials first.
/// </summary>
public sealed class UnparentedRedisCommands : BaseProcessor<Activity>
{
    /// <summary>The Redis client instrumentation's activity source (Aspire.StackExchange.Redis).</summary>
    public const string Source = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    public override void OnEnd(Activity data)
    {
        // An exporter skips what is not recorded.
        if (data.ParentSpanId == default && data.Source.Name == Source) data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }
}
