using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Swarm.Silo.Storage;

/// <summary>
/// Group commit: callers queue writes and clears; one loop takes everything queued (up to <see cref="MaxBatch"/>),
/// runs it in ONE transaction on its own connection, and only after COMMIT completes each caller's task. Every
/// operation is one statement whose WHERE clause carries the ETag check, so an operation that conflicts changes
/// no row and is failed alone while the rest of the batch commits.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    /// <summary>Bounds a transaction (and the latency of its first caller) when thousands of writes are queued.</summary>
    public const int MaxBatch = 512;

    private readonly string _storageName;
    private readonly string _databasePath;
    private readonly ILogger _logger;
    private readonly Channel<SqliteWriteOperation> _queue =
        Channel.CreateUnbounded<SqliteWriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    private SqliteConnection? _connection;
    private SqliteCommand _insert = null!, _update = null!, _delete = null!, _readEtag = null!;

    public SqliteWriteQueue(string storageName, string databasePath, ILogger logger)
    {
        _storageName = storageName;
        _databasePath = databasePath;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Number of transactions committed, for tests and benchmarks.</summary>
    public long Commits { get; private set; }

    /// <summary>Number of writes and clears committed (conflicts included), for tests and benchmarks.</summary>
    public long Operations { get; private set; }

    /// <summary>False once disposal began; the storage never queues on a queue it has retired.</summary>
    public bool TryEnqueue(SqliteWriteOperation operation) => _queue.Writer.TryWrite(operation);

    /// <summary>Stops taking operations, commits everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<SqliteWriteOperation>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var operation))
                {
                    if (operation.TryClaim()) batch.Add(operation);
                }

                if (batch.Count > 0) CommitBatch(batch);
                batch.Clear();
            }
        }
        finally
        {
            CloseConnection();
        }
    }

    private void CommitBatch(List<SqliteWriteOperation> batch)
    {
        try
        {
            ExecuteInTransaction(batch);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // Something other than an ETag conflict (a SQLite error) rolled the whole batch back. Nothing of it was
            // acknowledged; run each operation in its own transaction so one bad operation fails alone.
            StorageLog.BatchRolledBack(_logger, ex, _storageName, batch.Count);
            foreach (var operation in batch)
            {
                try
                {
                    ExecuteInTransaction([operation]);
                }
                catch (Exception single)
                {
                    operation.Fail(single);
                }
            }

            return;
        }
        catch (Exception ex)
        {
            batch[0].Fail(ex);
        }
    }

    /// <summary>Runs the operations in one transaction and, once it committed, completes each of them.</summary>
    private void ExecuteInTransaction(List<SqliteWriteOperation> operations)
    {
        var connection = GetConnection();
        var updated = DateTimeOffset.UtcNow.ToString("O");
        try
        {
            using (var transaction = connection.BeginTransaction())
            {
                _insert.Transaction = _update.Transaction = _delete.Transaction = _readEtag.Transaction = transaction;
                foreach (var operation in operations)
                {
                    operation.Conflict = operation.Kind == SqliteWriteKind.Write ? Write(operation, updated) : Clear(operation);
                }

                transaction.Commit();
            }
        }
        catch
        {
            // The transaction rolled back (disposed uncommitted); a conflict seen inside it means nothing now.
            foreach (var operation in operations) operation.Conflict = null;
            if (connection.State != System.Data.ConnectionState.Open) CloseConnection();
            throw;
        }

        Commits++;
        Operations += operations.Count;
        foreach (var operation in operations) operation.Complete();
    }

    private InconsistentStateException? Write(SqliteWriteOperation operation, string updated)
    {
        // A null ETag means the grain believes no row exists, so only an insert is valid;
        // otherwise only an update of the exact version it last saw is.
        var command = operation.ExpectedEtag is null ? _insert : _update;
        command.Parameters["$state"].Value = operation.StateName;
        command.Parameters["$grain"].Value = operation.GrainId;
        command.Parameters["$newEtag"].Value = operation.NewEtag;
        command.Parameters["$payload"].Value = operation.Payload;
        command.Parameters["$updated"].Value = updated;
        if (operation.ExpectedEtag is { } expected) command.Parameters["$etag"].Value = expected;

        return command.ExecuteNonQuery() == 0 ? Conflict("write", operation, ReadEtag(operation)) : null;
    }

    private InconsistentStateException? Clear(SqliteWriteOperation operation)
    {
        _delete.Parameters["$state"].Value = operation.StateName;
        _delete.Parameters["$grain"].Value = operation.GrainId;
        _delete.Parameters["$etag"].Value = (object?)operation.ExpectedEtag ?? DBNull.Value;
        if (_delete.ExecuteNonQuery() > 0) return null;

        // Nothing deleted: fine if there was nothing to delete and the grain knew it, a conflict otherwise.
        var stored = ReadEtag(operation);
        return stored == operation.ExpectedEtag ? null : Conflict("clear", operation, stored);
    }

    private string? ReadEtag(SqliteWriteOperation operation)
    {
        _readEtag.Parameters["$state"].Value = operation.StateName;
        _readEtag.Parameters["$grain"].Value = operation.GrainId;
        return _readEtag.ExecuteScalar() as string;
    }

    private InconsistentStateException Conflict(string kind, SqliteWriteOperation operation, string? storedEtag) =>
        SqliteGrainStorage.Conflict(_storageName, kind, operation.StateName, operation.GrainId, storedEtag, operation.ExpectedEtag);

    private SqliteConnection GetConnection()
    {
        if (_connection is not null) return _connection;

        var connection = SqliteDatabase.Open(_databasePath);
        try
        {
            _insert = SqliteDatabase.Prepare(connection, """
                INSERT INTO grain_state (state_name, grain_id, etag, payload, updated)
                VALUES ($state, $grain, $newEtag, $payload, $updated)
                ON CONFLICT (state_name, grain_id) DO NOTHING
                """, "$state", "$grain", "$newEtag", "$payload", "$updated");
            _update = SqliteDatabase.Prepare(connection, """
                UPDATE grain_state SET etag = $newEtag, payload = $payload, updated = $updated
                WHERE state_name = $state AND grain_id = $grain AND etag = $etag
                """, "$state", "$grain", "$newEtag", "$payload", "$updated", "$etag");
            // "IS" rather than "=" so a null ETag matches only an absent row (nothing to delete, no conflict).
            _delete = SqliteDatabase.Prepare(connection,
                "DELETE FROM grain_state WHERE state_name = $state AND grain_id = $grain AND etag IS $etag",
                "$state", "$grain", "$etag");
            _readEtag = SqliteDatabase.Prepare(connection,
                "SELECT etag FROM grain_state WHERE state_name = $state AND grain_id = $grain",
                "$state", "$grain");
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        StorageLog.OpenedForWriting(_logger, _storageName, _databasePath);
        return _connection = connection;
    }

    private void CloseConnection()
    {
        if (_connection is null) return;
        foreach (var command in new[] { _insert, _update, _delete, _readEtag }) command?.Dispose();
        _connection.Dispose();
        _connection = null;
    }
}
