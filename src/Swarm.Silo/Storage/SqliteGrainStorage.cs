using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;

namespace Swarm.Silo.Storage;

/// <summary>
/// Orleans grain storage on a single SQLite file, with ETag-based optimistic concurrency.
/// One row per (state name, grain id); every successful write stamps a fresh ETag.
/// </summary>
/// <remarks>
/// Writes and clears are group-committed by a <see cref="SqliteWriteQueue"/>: concurrent grains share one
/// transaction (one WAL commit) instead of queueing for one autocommit statement each, and no caller is answered
/// before its transaction committed. Reads use a second connection: in WAL mode a reader sees exactly the last
/// committed transaction and neither waits for nor blocks a batch in progress, and since a write's task completes
/// only after its commit, a read issued after an awaited write always sees it.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly string _name;
    private readonly string _databasePath;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;

    // Guards _writer and _disposed, so no operation is queued on a queue that is draining for shutdown.
    private readonly Lock _lifecycle = new();
    private SqliteWriteQueue? _writer;
    private bool _disposed;

    // A SQLite connection is not thread-safe: reads take turns on the read connection.
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private SqliteConnection? _readConnection;
    private SqliteCommand? _read;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        _name = name;
        _databasePath = Path.GetFullPath(options.DatabasePath);
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"{nameof(options.GrainStorageSerializer)} is required.", nameof(options));
        _logger = logger;
    }

    /// <summary>Transactions committed by the current write queue; for tests and benchmarks of group commit.</summary>
    public long WriteTransactions
    {
        get
        {
            lock (_lifecycle) return _writer?.Commits ?? 0;
        }
    }

    /// <summary>Writes and clears committed by the current write queue; for tests and benchmarks.</summary>
    public long WriteOperations
    {
        get
        {
            lock (_lifecycle) return _writer?.Operations ?? 0;
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{_name}",
            ServiceLifecycleStage.ApplicationServices,
            InitializeAsync,
            CloseAsync);

    /// <summary>Creates the file, directory and table. Optional: the first operation does it too.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _readGate.WaitAsync(cancellationToken);
        try
        {
            GetReadCommand();
        }
        finally
        {
            _readGate.Release();
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await _readGate.WaitAsync(cancellationToken);
        try
        {
            var command = GetReadCommand();
            command.Parameters["$state"].Value = stateName;
            command.Parameters["$grain"].Value = grainId.ToString();
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                grainState.State = _serializer.Deserialize<T>(BinaryData.FromBytes(reader.GetFieldValue<byte[]>(1)));
                grainState.ETag = reader.GetString(0);
                grainState.RecordExists = true;
            }
            else
            {
                ResetState(grainState);
            }
        }
        finally
        {
            _readGate.Release();
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = Bytes(_serializer.Serialize(grainState.State));
        var newEtag = Guid.NewGuid().ToString("N");
        return EnqueueAsync(new SqliteWriteOperation(SqliteWriteKind.Write, stateName, grainId.ToString(), grainState.ETag, payload, newEtag, () =>
        {
            grainState.ETag = newEtag;
            grainState.RecordExists = true;
        }), cancellationToken);
    }

    /// <summary>The serializer's own array when it gave one whole (Swarm's does), else a copy.</summary>
    private static byte[] Bytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        EnqueueAsync(new SqliteWriteOperation(SqliteWriteKind.Clear, stateName, grainId.ToString(), grainState.ETag, null, null,
            () => ResetState(grainState)), cancellationToken);

    /// <summary>Commits every queued write, then closes both connections; later calls throw.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync(disposing: true, CancellationToken.None);
        _readGate.Dispose();
    }

    private Task CloseAsync(CancellationToken cancellationToken) => CloseAsync(disposing: false, cancellationToken);

    /// <summary>
    /// Silo stop: commits every queued write and closes both connections. Unlike disposal this is not final: an
    /// operation after it opens the database again, as before group commit.
    /// </summary>
    private async Task CloseAsync(bool disposing, CancellationToken cancellationToken)
    {
        SqliteWriteQueue? writer;
        lock (_lifecycle)
        {
            if (_disposed) return;
            _disposed = disposing;
            writer = _writer;
            _writer = null;
        }

        // If the stop times out the queue keeps draining in the background; it is never abandoned.
        if (writer is not null) await writer.DisposeAsync().AsTask().WaitAsync(cancellationToken);

        await _readGate.WaitAsync(cancellationToken);
        try
        {
            _read?.Dispose();
            _read = null;
            _readConnection?.Dispose();
            _readConnection = null;
        }
        finally
        {
            _readGate.Release();
        }
    }

    private Task EnqueueAsync(SqliteWriteOperation operation, CancellationToken cancellationToken)
    {
        operation.CancelWhileQueued(cancellationToken);
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= new SqliteWriteQueue(_name, _databasePath, _logger);
            if (!_writer.TryEnqueue(operation)) throw new InvalidOperationException("write queue closed while in use");
        }

        return operation.Completion;
    }

    // Callers hold the read gate.
    private SqliteCommand GetReadCommand()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_read is not null) return _read;

        var connection = SqliteDatabase.Open(_databasePath);
        try
        {
            _read = SqliteDatabase.Prepare(connection,
                "SELECT etag, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain",
                "$state", "$grain");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _readConnection = connection;
        StorageLog.Opened(_logger, _name, _databasePath);
        return _read;
    }

    internal static InconsistentStateException Conflict(
        string storageName, string operation, string stateName, string grainId, string? storedEtag, string? currentEtag) =>
        new(
            $"SQLite grain storage '{storageName}': {operation} of state '{stateName}' for {grainId} rejected, " +
            $"stored ETag '{storedEtag ?? "<none>"}' does not match '{currentEtag ?? "<none>"}'.",
            storedEtag,
            currentEtag);

    private static void ResetState<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
