using Microsoft.Data.Sqlite;

namespace Swarm.Silo.Storage;

/// <summary>Opens connections to the grain-state file, creating the directory, file and table on first use.</summary>
internal static class SqliteDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA cache_size = -65536;
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            payload    BLOB NOT NULL,
            updated    TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        """;

    public static SqliteConnection Open(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooling would keep the file open after the silo stops; a restarted silo should start clean.
            Pooling = false,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY up to this many seconds. In WAL mode the storage's own reader
            // and writer connections do not block each other; only another process sharing the file can cause it.
            DefaultTimeout = 30,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
