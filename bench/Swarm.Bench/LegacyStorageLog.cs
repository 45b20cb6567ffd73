using Microsoft.Extensions.Logging;

namespace Swarm.Bench;

/// <summary>The old SQLite storage's one log line, with the event id the real storage gives it (Swarm.Silo's StorageLog).</summary>
internal static partial class LegacyStorageLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Grain storage {Name} opened SQLite database {Path}")]
    public static partial void Opened(ILogger logger, string name, string path);
}
