namespace Swarm.Grains.Tests.Support;

/// <summary>
/// A silo's reminder table as a cluster's first seconds can make it look: a registration may fail, or be held until
/// the reminder service is ready, for as long as the test says; a removal may fail. Everything else goes to the real
/// (in-memory) table.
/// </summary>
public sealed class GatedReminderTable(IReminderTable inner) : IReminderTable
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _open = Open();
    private int _failures;
    private int _removalFailures;
    private int _removals;
    private int _upserts;
    private readonly TaskCompletionSource _upserted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _awaited = int.MaxValue;

    /// <summary>How many registrations reached the table, failed and held ones included.</summary>
    public int Upserts => Volatile.Read(ref _upserts);

    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>The next removals fail, as when the silo whose reminder service owns the grain has just died.</summary>
    public void FailNextRemovals(int count) => Interlocked.Exchange(ref _removalFailures, count);

    /// <summary>How many removals reached the table, failed ones included.</summary>
    public int Removals => Volatile.Read(ref _removals);

    public void Hold()
    {
        lock (_lock) _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release()
    {
        lock (_lock) _open.TrySetResult();
    }

    /// <summary>Completes once this many registrations have reached the table.</summary>
    public Task WaitForUpsertsAsync(int count)
    {
        lock (_lock)
        {
            if (_upserts >= count) return Task.CompletedTask;
            _awaited = count;
            return _upserted.Task;
        }
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        Task open;
        lock (_lock)
        {
            if (++_upserts >= _awaited) _upserted.TrySetResult();
            open = _open.Task;
        }
        if (Interlocked.Decrement(ref _failures) >= 0) throw new TimeoutException("the reminder service has not read its range yet");
        await open;
        return await inner.UpsertRow(entry);
    }

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken) => UpsertRow(entry);

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => inner.ReadRows(grainId);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => inner.ReadRows(grainId, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => inner.ReadRows(begin, end);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) => inner.ReadRows(begin, end, cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => inner.ReadRow(grainId, reminderName);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
        => inner.ReadRow(grainId, reminderName, cancellationToken);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        Interlocked.Increment(ref _removals);
        return Interlocked.Decrement(ref _removalFailures) >= 0
            ? Task.FromException<bool>(new TimeoutException("the reminder service's silo is gone"))
            : inner.RemoveRow(grainId, reminderName, eTag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
        => RemoveRow(grainId, reminderName, eTag);

    public Task TestOnlyClearTable() => inner.TestOnlyClearTable();

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => inner.TestOnlyClearTable(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => inner.StopAsync(cancellationToken);

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
