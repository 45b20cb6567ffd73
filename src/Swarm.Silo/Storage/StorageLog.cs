using Microsoft.Extensions.Logging;

namespace Swarm.Silo.Storage;

/// <summary>What an operator wants to know of the SQLite grain storage (event ids 1600-1699).</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Grain storage {Name} opened SQLite database {Path}")]
    public static partial void Opened(ILogger logger, string name, string path);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Grain storage {Name} opened SQLite database {Path} for writing")]
    public static partial void OpenedForWriting(ILogger logger, string name, string path);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Grain storage {Name}: batch of {Count} writes rolled back; retrying them one by one")]
    public static partial void BatchRolledBack(ILogger logger, Exception exception, string name, int count);
}
