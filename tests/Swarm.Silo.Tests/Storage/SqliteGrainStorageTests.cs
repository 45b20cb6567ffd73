using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Swarm.Silo.Storage;

namespace Swarm.Silo.Tests.Storage;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xUnit ends the class through IAsyncLifetime.DisposeAsync, which disposes the folder.")]
public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "state";

    private readonly TempDirectory _temp = new();
    private readonly List<SqliteGrainStorage> _storages = [];

    public sealed class TestState
    {
        public int Value { get; set; }
        public string Text { get; set; } = "";
    }

    // Orleans' GrainState<T> exposes State as nullable; this keeps the assertions free of null-forgiving noise.
    public sealed class TestGrainState(TestState state) : IGrainState<TestState>
    {
        public TestGrainState() : this(new TestState()) { }

        [AllowNull]
        public TestState State { get; set => field = value ?? new TestState(); } = state;
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var storage in _storages)
        {
            await storage.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task Write_then_read_round_trips_state_and_etag()
    {
        var storage = CreateStorage();
        var grainId = Grain("a");
        var written = new TestGrainState(new TestState { Value = 42, Text = "hello" });

        await storage.WriteStateAsync(StateName, grainId, written);

        var read = new TestGrainState();
        await CreateStorage().ReadStateAsync(StateName, grainId, read);
        Assert.True(File.Exists(_temp.DatabasePath));
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(42, read.State.Value);
        Assert.Equal("hello", read.State.Text);
    }

    [Fact]
    public async Task A_large_state_is_stored_deflated_and_reads_back_whole_while_a_small_one_stays_plain_json()
    {
        var storage = CreateStorage();
        var large = new TestGrainState(new TestState { Value = 7, Text = string.Concat(Enumerable.Range(0, 400).Select(i => $"memory {i % 13} of a peer; ")) });
        var small = new TestGrainState(new TestState { Value = 8, Text = "short" });

        await storage.WriteStateAsync(StateName, Grain("large"), large);
        await storage.WriteStateAsync(StateName, Grain("small"), small);

        var read = new TestGrainState();
        await CreateStorage().ReadStateAsync(StateName, Grain("large"), read);
        Assert.Equal(large.State.Text, read.State.Text);
        Assert.Equal(7, read.State.Value);
        var stored = StoredBytes("large");
        Assert.True(stored.Length < large.State.Text.Length / 4, $"{stored.Length} bytes stored for {large.State.Text.Length} characters");
        Assert.Equal('{', (char)StoredBytes("small")[0]);
    }

    [Fact]
    public async Task A_row_written_as_plain_json_before_deflating_existed_still_reads()
    {
        var storage = CreateStorage();
        var state = new TestGrainState(new TestState { Value = 3 });
        await storage.WriteStateAsync(StateName, Grain("old"), state);
        var json = System.Text.Encoding.UTF8.GetBytes(
            "{\"Value\":5,\"Text\":\"" + new string('x', StoredPayload.CompressAbove * 2) + "\"}");
        using (var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE grain_state SET payload = $p WHERE grain_id = $g";
            update.Parameters.AddWithValue("$p", json);
            update.Parameters.AddWithValue("$g", Grain("old").ToString());
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var read = new TestGrainState();
        await CreateStorage().ReadStateAsync(StateName, Grain("old"), read);

        Assert.Equal(5, read.State.Value);
        Assert.Equal(StoredPayload.CompressAbove * 2, read.State.Text.Length);
    }

    private byte[] StoredBytes(string key)
    {
        using var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE grain_id = $g";
        command.Parameters.AddWithValue("$g", Grain(key).ToString());
        return (byte[])command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Every_write_issues_a_new_etag()
    {
        var storage = CreateStorage();
        var state = new TestGrainState(new TestState { Value = 1 });

        await storage.WriteStateAsync(StateName, Grain("a"), state);
        var first = state.ETag;
        state.State.Value = 2;
        await storage.WriteStateAsync(StateName, Grain("a"), state);

        Assert.NotNull(first);
        Assert.NotNull(state.ETag);
        Assert.NotEqual(first, state.ETag);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task Write_with_stale_etag_throws_and_keeps_stored_state()
    {
        var storage = CreateStorage();
        var winner = new TestGrainState(new TestState { Value = 1 });
        await storage.WriteStateAsync(StateName, Grain("a"), winner);
        var loser = new TestGrainState(new TestState { Value = 99 }) { ETag = winner.ETag, RecordExists = true };
        winner.State.Value = 2;
        await storage.WriteStateAsync(StateName, Grain("a"), winner);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain("a"), loser));

        Assert.Equal(winner.ETag, error.StoredEtag);
        Assert.NotEqual(winner.ETag, error.CurrentEtag);
        var read = new TestGrainState();
        await storage.ReadStateAsync(StateName, Grain("a"), read);
        Assert.Equal(2, read.State.Value);
    }

    [Fact]
    public async Task Insert_over_an_existing_row_throws()
    {
        var storage = CreateStorage();
        var existing = new TestGrainState(new TestState { Value = 1 });
        await storage.WriteStateAsync(StateName, Grain("a"), existing);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, Grain("a"), new TestGrainState(new TestState { Value = 2 })));

        Assert.Equal(existing.ETag, error.StoredEtag);
        Assert.Null(error.CurrentEtag);
    }

    [Fact]
    public async Task Write_with_etag_for_a_missing_row_throws()
    {
        var state = new TestGrainState(new TestState()) { ETag = "made-up", RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => CreateStorage().WriteStateAsync(StateName, Grain("a"), state));
    }

    [Fact]
    public async Task Clear_deletes_the_row_and_resets_state()
    {
        var storage = CreateStorage();
        var state = new TestGrainState(new TestState { Value = 7 });
        await storage.WriteStateAsync(StateName, Grain("a"), state);

        await storage.ClearStateAsync(StateName, Grain("a"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal(0, state.State.Value);
        var read = new TestGrainState();
        await storage.ReadStateAsync(StateName, Grain("a"), read);
        Assert.False(read.RecordExists);

        // After a clear the grain starts over with an insert.
        state.State.Value = 8;
        await storage.WriteStateAsync(StateName, Grain("a"), state);
        Assert.True(state.RecordExists);
    }

    [Fact]
    public async Task Clear_with_stale_etag_throws_and_keeps_the_row()
    {
        var storage = CreateStorage();
        var state = new TestGrainState(new TestState { Value = 7 });
        await storage.WriteStateAsync(StateName, Grain("a"), state);
        var stale = new TestGrainState(new TestState()) { ETag = "stale", RecordExists = true };

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Grain("a"), stale));

        var read = new TestGrainState();
        await storage.ReadStateAsync(StateName, Grain("a"), read);
        Assert.True(read.RecordExists);
        Assert.Equal(7, read.State.Value);
    }

    [Fact]
    public async Task Clear_of_a_missing_row_is_a_no_op()
    {
        var state = new TestGrainState(new TestState { Value = 3 });

        await CreateStorage().ClearStateAsync(StateName, Grain("never-written"), state);

        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Value);
    }

    [Fact]
    public async Task Reading_a_missing_row_gives_default_state()
    {
        var state = new TestGrainState(new TestState { Value = 5 }) { ETag = "old", RecordExists = true };

        await CreateStorage().ReadStateAsync(StateName, Grain("never-written"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Value);
    }

    [Fact]
    public async Task State_names_and_grain_ids_are_independent_keys()
    {
        var storage = CreateStorage();
        await storage.WriteStateAsync("one", Grain("a"), new TestGrainState(new TestState { Value = 1 }));
        await storage.WriteStateAsync("two", Grain("a"), new TestGrainState(new TestState { Value = 2 }));
        await storage.WriteStateAsync("one", Grain("b"), new TestGrainState(new TestState { Value = 3 }));

        Assert.Equal(1, (await Read(storage, "one", Grain("a"))).State.Value);
        Assert.Equal(2, (await Read(storage, "two", Grain("a"))).State.Value);
        Assert.Equal(3, (await Read(storage, "one", Grain("b"))).State.Value);
    }

    [Fact]
    public async Task Concurrent_writes_to_many_grains_all_persist()
    {
        const int grains = 200;
        const int writesPerGrain = 5;
        var storage = CreateStorage();

        await Task.WhenAll(Enumerable.Range(0, grains).Select(i => Task.Run(async () =>
        {
            var state = new TestGrainState(new TestState());
            for (var write = 1; write <= writesPerGrain; write++)
            {
                state.State.Value = i * 1000 + write;
                await storage.WriteStateAsync(StateName, Grain($"g{i}"), state);
            }
        })));

        var reader = CreateStorage();
        for (var i = 0; i < grains; i++)
        {
            var read = await Read(reader, StateName, Grain($"g{i}"));
            Assert.True(read.RecordExists);
            Assert.Equal(i * 1000 + writesPerGrain, read.State.Value);
        }
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_let_exactly_one_win()
    {
        var storage = CreateStorage();
        var seed = new TestGrainState(new TestState());
        await storage.WriteStateAsync(StateName, Grain("contended"), seed);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(async () =>
        {
            var attempt = new TestGrainState(new TestState { Value = i }) { ETag = seed.ETag, RecordExists = true };
            try
            {
                await storage.WriteStateAsync(StateName, Grain("contended"), attempt);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task Database_uses_wal_journal()
    {
        await CreateStorage().InitializeAsync();

        await using var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    // Group commit: concurrent writes share transactions, yet each caller sees exactly its own outcome.

    [Fact]
    public async Task Many_concurrent_writers_to_different_grains_share_transactions_and_all_commit()
    {
        const int grains = 500;
        var storage = CreateStorage();
        var states = Enumerable.Range(0, grains).Select(i => new TestGrainState(new TestState { Value = i, Text = $"g{i}" })).ToArray();

        // Queued back to back without awaiting, the way many activations write at once.
        await Task.WhenAll(states.Select((state, i) => storage.WriteStateAsync(StateName, Grain($"g{i}"), state)));

        Assert.InRange(storage.WriteTransactions, 1, grains - 1);
        Assert.Equal(grains, storage.WriteOperations);
        Assert.All(states, state => Assert.True(state.RecordExists));
        var reader = CreateStorage();
        for (var i = 0; i < grains; i++)
        {
            var read = await Read(reader, StateName, Grain($"g{i}"));
            Assert.Equal(i, read.State.Value);
            Assert.Equal(states[i].ETag, read.ETag);
        }
    }

    [Fact]
    public async Task A_conflicting_write_in_the_middle_of_a_batch_fails_alone()
    {
        const int grains = 101;
        const int loser = 50;
        var storage = CreateStorage();
        var states = Enumerable.Range(0, grains).Select(_ => new TestGrainState(new TestState { Value = 1 })).ToArray();
        await Task.WhenAll(states.Select((state, i) => storage.WriteStateAsync(StateName, Grain($"g{i}"), state)));
        var seededEtag = states[loser].ETag;
        var staleEtag = "stale";
        states[loser].ETag = staleEtag;
        var before = storage.WriteTransactions;
        var operationsBefore = storage.WriteOperations;

        foreach (var state in states) state.State.Value = 2;
        var writes = states.Select((state, i) => storage.WriteStateAsync(StateName, Grain($"g{i}"), state)).ToArray();
        // A clear with a stale ETag rides in the same batch and fails alone too.
        var clear = storage.ClearStateAsync(StateName, Grain("g0"), new TestGrainState { ETag = "stale-too", RecordExists = true });
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => writes[loser]);
        await Assert.ThrowsAsync<InconsistentStateException>(() => clear);
        await Task.WhenAll(writes.Where((_, i) => i != loser));

        Assert.True(storage.WriteTransactions - before < grains, "the writes should have shared transactions");
        // The conflicting write and clear were run and failed, so they count: grains writes and one clear.
        Assert.Equal(grains + 1, storage.WriteOperations - operationsBefore);
        Assert.Equal(seededEtag, error.StoredEtag);
        Assert.Equal(staleEtag, error.CurrentEtag);
        Assert.Equal(staleEtag, states[loser].ETag);
        var reader = CreateStorage();
        for (var i = 0; i < grains; i++)
        {
            var read = await Read(reader, StateName, Grain($"g{i}"));
            Assert.Equal(i == loser ? 1 : 2, read.State.Value);
            Assert.Equal(i == loser ? seededEtag : states[i].ETag, read.ETag);
        }
    }

    [Fact]
    public async Task Every_acknowledged_write_is_visible_to_the_next_read()
    {
        var storage = CreateStorage();
        var other = CreateStorage();
        var state = new TestGrainState(new TestState());
        for (var i = 1; i <= 50; i++)
        {
            state.State.Value = i;
            await storage.WriteStateAsync(StateName, Grain("a"), state);

            var own = await Read(storage, StateName, Grain("a"));
            var foreign = await Read(other, StateName, Grain("a"));
            Assert.Equal((i, state.ETag), (own.State.Value, own.ETag));
            Assert.Equal((i, state.ETag), (foreign.State.Value, foreign.ETag));
        }

        await storage.ClearStateAsync(StateName, Grain("a"), state);
        Assert.False((await Read(storage, StateName, Grain("a"))).RecordExists);
    }

    [Fact]
    public async Task Dispose_commits_every_queued_write_before_closing()
    {
        const int grains = 300;
        var storage = CreateStorage();
        var writes = Enumerable.Range(0, grains)
            .Select(i => storage.WriteStateAsync(StateName, Grain($"g{i}"), new TestGrainState(new TestState { Value = i })))
            .ToArray();

        await storage.DisposeAsync();

        Assert.All(writes, write => Assert.True(write.IsCompletedSuccessfully));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => storage.WriteStateAsync(StateName, Grain("late"), new TestGrainState()));
        var reader = CreateStorage();
        for (var i = 0; i < grains; i++)
        {
            Assert.Equal(i, (await Read(reader, StateName, Grain($"g{i}"))).State.Value);
        }
    }

    [Fact]
    public async Task A_cancelled_caller_does_not_disturb_the_others()
    {
        const int grains = 300;
        var storage = CreateStorage();
        using var precancelled = new CancellationTokenSource();
        precancelled.Cancel();
        var states = Enumerable.Range(0, grains).Select(i => new TestGrainState(new TestState { Value = i })).ToArray();
        var sources = new List<CancellationTokenSource>();
        var writes = new Task[grains];
        for (var i = 0; i < grains; i++)
        {
            // Every third caller gives up before queueing, every third right after, the rest never.
            var source = new CancellationTokenSource();
            sources.Add(source);
            var token = (i % 3) switch
            {
                0 => precancelled.Token,
                1 => source.Token,
                _ => CancellationToken.None,
            };
            writes[i] = storage.WriteStateAsync(StateName, Grain($"g{i}"), states[i], token);
            if (i % 3 == 1) source.Cancel();
        }

        var reader = CreateStorage();
        for (var i = 0; i < grains; i++)
        {
            var outcome = await Record.ExceptionAsync(() => writes[i]);
            var read = await Read(reader, StateName, Grain($"g{i}"));
            if (i % 3 == 2 || outcome is null)
            {
                // Not cancelled, or cancelled too late to matter: committed, acknowledged and readable.
                Assert.Null(outcome);
                Assert.Equal((true, i, states[i].ETag), (read.RecordExists, read.State.Value, read.ETag));
            }
            else
            {
                // Cancelled while queued: nothing stored and the grain state untouched.
                Assert.IsAssignableFrom<OperationCanceledException>(outcome);
                Assert.False(read.RecordExists);
                Assert.Null(states[i].ETag);
            }
        }

        Assert.All(writes.Where((_, i) => i % 3 == 0), write => Assert.True(write.IsCanceled));
        foreach (var source in sources) source.Dispose();
    }

    private SqliteGrainStorage CreateStorage()
    {
        var options = new SqliteGrainStorageOptions
        {
            DatabasePath = _temp.DatabasePath,
            // The silo's serializer (UseSwarmGrainStorageSerializer): JSON, deflated above a kilobyte.
            GrainStorageSerializer = new DeflatingGrainStorageSerializer(new SystemTextJsonGrainStorageSerializerOptions().JsonSerializerOptions),
        };
        var storage = new SqliteGrainStorage("test", options, NullLogger<SqliteGrainStorage>.Instance);
        _storages.Add(storage);
        return storage;
    }

    private static GrainId Grain(string key) => GrainId.Create("test", key);

    private static async Task<TestGrainState> Read(SqliteGrainStorage storage, string stateName, GrainId grainId)
    {
        var state = new TestGrainState();
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }
}
