using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using Swarm.Silo.Storage;

namespace Swarm.Bench;

/// <summary>
/// BENCHMARK BASELINE ONLY: Swarm.Silo.Storage.SqliteGrainStorage as it was before group commit (commit f9b963c),
/// one autocommit statement per write behind one gate, kept so `storage` mode can compare both in one run.
/// </summary>
/// <remarks>
/// Orleans grain storage on a single SQLite file, with ETag-based optimistic concurrency.
/// One row per (state name, grain id); every successful write stamps a fresh ETag.
/// </remarks>
public sealed class LegacySqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            updated    TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;
        """;

    private readonly string _name;
    private readonly string _databasePath;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger _logger;

    // A SQLite connection is not thread-safe and SQLite admits one writer at a time anyway,
    // so every operation takes this gate; activations queue here instead of hitting SQLITE_BUSY.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;
    private bool _disposed;

    public LegacySqliteGrainStorage(string name, SqliteGrainStorageOptions options, ILogger<LegacySqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        _name = name;
        _databasePath = Path.GetFullPath(options.DatabasePath);
        _serializer = options.GrainStorageSerializer
            ?? throw new ArgumentException($"{nameof(options.GrainStorageSerializer)} is required.", nameof(options));
        _logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            $"{nameof(LegacySqliteGrainStorage)}-{_name}",
            ServiceLifecycleStage.ApplicationServices,
            InitializeAsync,
            CloseAsync);

    /// <summary>Creates the file, directory and table. Optional: the first operation does it too.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await GetConnectionAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT etag, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain";
            AddKey(command, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                grainState.State = _serializer.Deserialize<T>(BinaryData.FromBytes(reader.GetFieldValue<byte[]>(1)));
                grainState.ETag = reader.GetString(0);
                grainState.RecordExists = true;
            }
            else
            {
                ResetState(grainState);
            }
        }, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var newEtag = Guid.NewGuid().ToString("N");
        return WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            // A null ETag means the grain believes no row exists, so only an insert is valid;
            // otherwise only an update of the exact version it last saw is.
            command.CommandText = grainState.ETag is null
                ? """
                  INSERT INTO grain_state (state_name, grain_id, etag, payload, updated)
                  VALUES ($state, $grain, $newEtag, $payload, $updated)
                  ON CONFLICT (state_name, grain_id) DO NOTHING
                  """
                : """
                  UPDATE grain_state SET etag = $newEtag, payload = $payload, updated = $updated
                  WHERE state_name = $state AND grain_id = $grain AND etag = $etag
                  """;
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("$newEtag", newEtag);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$updated", DateTimeOffset.UtcNow.ToString("O"));
            command.Parameters.AddWithValue("$etag", (object?)grainState.ETag ?? DBNull.Value);

            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await ThrowConflictAsync(connection, "write", stateName, grainId, grainState.ETag, cancellationToken);
            }

            grainState.ETag = newEtag;
            grainState.RecordExists = true;
        }, cancellationToken);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            // "IS" rather than "=" so a null ETag matches only an absent row (nothing to delete, no conflict).
            command.CommandText = "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag IS $etag";
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("$etag", (object?)grainState.ETag ?? DBNull.Value);

            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                var storedEtag = await ReadEtagAsync(connection, stateName, grainId, cancellationToken);
                if (storedEtag != grainState.ETag)
                {
                    throw Conflict("clear", stateName, grainId, storedEtag, grainState.ETag);
                }
            }

            ResetState(grainState);
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            await CloseConnectionAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CloseConnectionAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CloseConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    private async Task WithConnectionAsync(Func<SqliteConnection, Task> operation, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await operation(await GetConnectionAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    // Callers hold the gate.
    private async Task<SqliteConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null)
        {
            return _connection;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_databasePath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooling would keep the file open after the silo stops; a restarted silo should start clean.
            Pooling = false,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY up to this many seconds; only another
            // process sharing the file can cause it, since this instance serializes its own access.
            DefaultTimeout = 30,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        LegacyStorageLog.Opened(_logger, _name, _databasePath);
        return _connection = connection;
    }

    private async Task ThrowConflictAsync(
        SqliteConnection connection, string operation, string stateName, GrainId grainId, string? currentEtag, CancellationToken cancellationToken)
    {
        var storedEtag = await ReadEtagAsync(connection, stateName, grainId, cancellationToken);
        throw Conflict(operation, stateName, grainId, storedEtag, currentEtag);
    }

    private static async Task<string?> ReadEtagAsync(SqliteConnection connection, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain";
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? storedEtag, string? currentEtag) =>
        new(
            $"SQLite grain storage '{_name}': {operation} of state '{stateName}' for {grainId} rejected, " +
            $"stored ETag '{storedEtag ?? "<none>"}' does not match '{currentEtag ?? "<none>"}'.",
            storedEtag,
            currentEtag);

    private static void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
    }

    private static void ResetState<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
