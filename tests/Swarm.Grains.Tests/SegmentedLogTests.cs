using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Swarm.Abstractions.Grains;
using Swarm.Grains.Audit;
using Swarm.Grains.Tests.Support;

namespace Swarm.Grains.Tests;

/// <summary>A segmented log on any grain storage: what it keeps, and what appending costs in segment writes.</summary>
public sealed class SegmentedLogTests
{
    private static readonly GrainId Grain = GrainId.Create("test", "log");
    private const int Size = SegmentedLog<int>.SegmentSize;

    [Fact]
    public async Task Appending_batches_that_fill_the_open_segment_writes_each_segment_once()
    {
        var storage = new CountingGrainStorage();
        var log = await Open(storage);
        await log.AppendAsync([.. Enumerable.Range(0, 10)]);
        Assert.Equal(Size - 10, log.Room);

        // What a study round does: hold finished entries until they fill the open segment (and maybe whole ones after it).
        var pending = new List<int>();
        var next = 10;
        foreach (var arrived in new[] { 3, 60, 1, 200, 5, 64, 70 })
        {
            pending.AddRange(Enumerable.Range(next, arrived));
            next += arrived;
            if (pending.Count < log.Room) continue;
            var fits = log.Room + (pending.Count - log.Room) / Size * Size;
            await log.AppendAsync(pending[..fits]);
            pending.RemoveRange(0, fits);
            Assert.Equal(Size, log.Room);
        }

        // The first segment was written part-filled once, before the batches; every other one once, full.
        var sealedSegments = (int)(log.Count / Size);
        Assert.True(sealedSegments >= 6);
        for (var i = 0; i < sealedSegments; i++) Assert.Equal(i == 0 ? 2 : 1, storage.Writes[$"ledger-{i}"]);
        Assert.Equal(Enumerable.Range(0, (int)log.Count), await (await Open(storage)).ReadAllAsync());
    }

    private static Task<SegmentedLog<int>> Open(IGrainStorage storage)
    {
        var services = new ServiceCollection().AddKeyedSingleton(GrainKeys.Storage, storage).BuildServiceProvider();
        return SegmentedLog.OpenAsync<int>(services, Grain, "ledger");
    }
}
