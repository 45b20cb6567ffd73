using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Swarm.Abstractions.Grains;
namespace Swarm.Grains.Audit;

/// <summary>
/// An append-only log (an audit log, a study round's ledger) kept in fixed-size segments in the grain's storage. An
/// append rewrites only the open segment (at most <see cref="SegmentSize"/> entries), so the cost of one audited call
/// stays flat however long the log grows, and only the open segment lives in memory. Reading the whole log loads the
/// sealed segments on demand and writes nothing. Works on any Orleans grain storage (SQLite, memory, Redis, Azure
/// Table), because segments are ordinary grain states with their own names.
/// </summary>
public sealed class SegmentedLog<T>
{
    public const int SegmentSize = 64;

    private readonly IGrainStorage _storage;
    private readonly GrainId _grain;
    private readonly string _name;
    private readonly StoredState<LogHead> _head = new();
    private StoredState<LogSegment<T>> _open = new();

    private SegmentedLog(IGrainStorage storage, GrainId grain, string name)
    {
        _storage = storage;
        _grain = grain;
        _name = name;
    }

    /// <summary>Entries appended so far.</summary>
    public long Count => (long)_head.State.Sealed * SegmentSize + _open.State.Entries.Count;

    /// <summary>
    /// How many entries the open segment still takes. A caller that appends in batches of this many (plus whole
    /// segments) writes each segment once, full, instead of once partly filled and again when it fills.
    /// </summary>
    public int Room => SegmentSize - _open.State.Entries.Count;

    /// <summary>Opens the log of <paramref name="grain"/> named <paramref name="name"/> in Swarm's grain storage.</summary>
    internal static async Task<SegmentedLog<T>> OpenAsync(IServiceProvider services, GrainId grain, string name)
    {
        var log = new SegmentedLog<T>(services.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage), grain, name);
        await log._storage.ReadStateAsync(log.HeadName, grain, log._head);
        log._head.State ??= new LogHead();
        log._open = await log.ReadSegmentAsync(log._head.State.Sealed);
        // A crash between filling a segment and recording that it is full leaves a full "open" segment: seal it now.
        while (log._open.State.Entries.Count >= SegmentSize)
        {
            log._head.State.Sealed++;
            await log._storage.WriteStateAsync(log.HeadName, grain, log._head);
            log._open = await log.ReadSegmentAsync(log._head.State.Sealed);
        }
        return log;
    }

    /// <summary>Appends entries and returns once they are durable; nothing is acknowledged before that.</summary>
    public async Task AppendAsync(IReadOnlyList<T> entries)
    {
        var pending = 0;
        foreach (var entry in entries)
        {
            _open.State.Entries.Add(entry);
            pending++;
            if (_open.State.Entries.Count < SegmentSize) continue;
            await _storage.WriteStateAsync(SegmentName(_head.State.Sealed), _grain, _open);
            _head.State.Sealed++;
            await _storage.WriteStateAsync(HeadName, _grain, _head);
            _open = new StoredState<LogSegment<T>>();
            pending = 0;
        }
        if (pending > 0) await _storage.WriteStateAsync(SegmentName(_head.State.Sealed), _grain, _open);
    }

    /// <summary>The entry appended last, or the default when the log is empty.</summary>
    public async Task<T?> LastAsync()
    {
        if (_open.State.Entries.Count > 0) return _open.State.Entries[^1];
        if (_head.State.Sealed == 0) return default;
        var sealedLast = await ReadSegmentAsync(_head.State.Sealed - 1);
        return sealedLast.State.Entries[^1];
    }

    /// <summary>The whole log in append order.</summary>
    public async Task<T[]> ReadAllAsync()
    {
        var all = new List<T>((int)Math.Min(Count, int.MaxValue));
        for (var i = 0; i < _head.State.Sealed; i++) all.AddRange((await ReadSegmentAsync(i)).State.Entries);
        all.AddRange(_open.State.Entries);
        return [.. all];
    }

    private async Task<StoredState<LogSegment<T>>> ReadSegmentAsync(int index)
    {
        var segment = new StoredState<LogSegment<T>>();
        await _storage.ReadStateAsync(SegmentName(index), _grain, segment);
        segment.State ??= new LogSegment<T>();
        return segment;
    }

    private string HeadName => $"{_name}-head";

    private string SegmentName(int index) => $"{_name}-{index}";
}
