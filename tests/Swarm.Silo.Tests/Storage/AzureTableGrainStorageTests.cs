using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Swarm.Abstractions.Grains;
using Swarm.Silo.Hosting;
using Swarm.Testing.Servers;

namespace Swarm.Silo.Tests.Storage;

/// <summary>
/// Swarm's grain storage when configuration picks Orleans' Azure Table provider
/// (<c>Orleans__GrainStorage__swarm__ProviderType=AzureTableStorage</c>), against a real Azurite: the silo's own
/// storage, as its grains see it, through the silo's serializer.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xUnit ends the class through IAsyncLifetime.DisposeAsync, which disposes the folder.")]
public sealed class AzureTableGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "state";

    private readonly TempDirectory _temp = new();
    private AzuriteServer _azurite = null!;
    private IHost _silo = null!;

    public sealed class TestState
    {
        public int Value { get; set; }
        public List<string> Lines { get; set; } = [];
    }

    public sealed class TestGrainState(TestState state) : IGrainState<TestState>
    {
        public TestGrainState() : this(new TestState()) { }

        [AllowNull]
        public TestState State { get; set => field = value ?? new TestState(); } = state;
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        _silo = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions
        {
            StateDirectory = _temp.Path,
            Configuration = new Dictionary<string, string?>
            {
                [$"Orleans:GrainStorage:{GrainKeys.Storage}:ProviderType"] = "AzureTableStorage",
                [$"Orleans:GrainStorage:{GrainKeys.Storage}:ConnectionString"] = _azurite.ConnectionString,
            },
        });
        await _silo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.StopAsync();
        _silo.Dispose();
        await _azurite.DisposeAsync();
        _temp.Dispose();
    }

    private IGrainStorage Storage => _silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage);

    [Fact]
    public void Configuration_picks_Orleans_Azure_Table_storage() =>
        Assert.IsType<AzureTableGrainStorage>(Storage);

    [Fact]
    public async Task Write_then_read_round_trips_state_and_etag()
    {
        var written = new TestGrainState(new TestState { Value = 42, Lines = ["hello"] });
        await Storage.WriteStateAsync(StateName, Grain("a"), written);

        var read = new TestGrainState();
        await Storage.ReadStateAsync(StateName, Grain("a"), read);

        Assert.True(read.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(42, read.State.Value);
        Assert.Equal(["hello"], read.State.Lines);
    }

    [Fact]
    public async Task A_state_never_written_reads_as_absent()
    {
        var read = new TestGrainState(new TestState { Value = 9 });
        await Storage.ReadStateAsync(StateName, Grain("nobody"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State.Value);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_rejected_and_leaves_the_newer_state()
    {
        var first = new TestGrainState(new TestState { Value = 1 });
        await Storage.WriteStateAsync(StateName, Grain("race"), first);
        var stale = new TestGrainState(new TestState { Value = 1 }) { ETag = first.ETag };
        first.State.Value = 2;
        await Storage.WriteStateAsync(StateName, Grain("race"), first);

        stale.State.Value = 3;
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, Grain("race"), stale));
        // A grain that believes no record exists cannot overwrite one either.
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() =>
            Storage.WriteStateAsync(StateName, Grain("race"), new TestGrainState(new TestState { Value = 4 })));

        var read = new TestGrainState();
        await Storage.ReadStateAsync(StateName, Grain("race"), read);
        Assert.Equal(2, read.State.Value);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_removes_the_state_and_a_stale_clear_is_rejected()
    {
        var state = new TestGrainState(new TestState { Value = 5 });
        await Storage.WriteStateAsync(StateName, Grain("gone"), state);
        var stale = new TestGrainState { ETag = state.ETag };
        state.State.Value = 6;
        await Storage.WriteStateAsync(StateName, Grain("gone"), state);

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.ClearStateAsync(StateName, Grain("gone"), stale));
        await Storage.ClearStateAsync(StateName, Grain("gone"), state);
        Assert.False(state.RecordExists);

        var read = new TestGrainState();
        await Storage.ReadStateAsync(StateName, Grain("gone"), read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State.Value);

        // The grain carries on after a clear: its next write is accepted.
        state.State.Value = 7;
        await Storage.WriteStateAsync(StateName, Grain("gone"), state);
        await Storage.ReadStateAsync(StateName, Grain("gone"), read);
        Assert.Equal(7, read.State.Value);
    }

    [Fact]
    public async Task A_state_whose_json_is_larger_than_an_azure_entity_stores_deflated_and_reads_back_whole()
    {
        // Like a study's round ledger segment: 64 episode rooms of repetitive audit JSON.
        var lines = Enumerable.Range(0, 6_000)
            .Select(i => $"{{\"seq\":{i},\"agent\":\"blue-{i % 200:D5}\",\"tool\":\"read_file\",\"server\":\"srv-{i % 7}\"," +
                "\"path\":\"/srv/config/shutdown.yaml\",\"result\":\"ok\"}")
            .ToList();
        var large = new TestGrainState(new TestState { Value = 11, Lines = lines });
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(large.State).Length > 1024 * 1024, "the state must exceed an Azure Table entity as plain JSON");

        await Storage.WriteStateAsync(StateName, Grain("large"), large);
        var read = new TestGrainState();
        await Storage.ReadStateAsync(StateName, Grain("large"), read);

        Assert.Equal(11, read.State.Value);
        Assert.Equal(lines, read.State.Lines);
    }

    private static GrainId Grain(string key) => GrainId.Create("test", key);
}
