namespace Swarm.Silo.Storage;

internal enum SqliteWriteKind { Write, Clear }

/// <summary>
/// One queued <c>WriteStateAsync</c> or <c>ClearStateAsync</c>: its inputs, captured when the caller queued it, and
/// the caller's task. The writer loop claims it for a batch or skips it if its caller gave up first; once claimed it
/// runs to its true outcome whatever the caller's token does, so cancelling one caller never disturbs a batch.
/// </summary>
internal sealed class SqliteWriteOperation
{
    private const int Queued = 0, Claimed = 1, Abandoned = 2;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action _onCommitted;
    private CancellationTokenRegistration _cancellation;
    private int _state;

    public SqliteWriteOperation(SqliteWriteKind kind, string stateName, string grainId, string? expectedEtag, byte[]? payload, string? newEtag,
        Action onCommitted)
    {
        Kind = kind;
        StateName = stateName;
        GrainId = grainId;
        ExpectedEtag = expectedEtag;
        Payload = payload;
        NewEtag = newEtag;
        _onCommitted = onCommitted;
    }

    public SqliteWriteKind Kind { get; }
    public string StateName { get; }
    public string GrainId { get; }

    /// <summary>The ETag the grain last saw; null means it believes no row exists.</summary>
    public string? ExpectedEtag { get; }

    public byte[]? Payload { get; }
    public string? NewEtag { get; }

    /// <summary>The ETag conflict found while executing, reported only if the transaction commits.</summary>
    public Exception? Conflict { get; set; }

    public Task Completion => _completion.Task;

    /// <summary>Call before queueing: a token cancelled while the operation still waits in the queue cancels it.</summary>
    public void CancelWhileQueued(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((SqliteWriteOperation)state!).Abandon(token), this);
        }
    }

    /// <summary>True if the writer now owns the operation; false if its caller already gave up on it.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

    /// <summary>After its transaction committed: apply the new ETag to the grain state (unless it conflicted) and release the caller.</summary>
    public void Complete()
    {
        _cancellation.Dispose();
        if (Conflict is { } conflict)
        {
            _completion.TrySetException(conflict);
            return;
        }

        try
        {
            _onCommitted();
            _completion.TrySetResult();
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
        }
    }

    /// <summary>Its transaction did not commit: nothing of it is stored.</summary>
    public void Fail(Exception exception)
    {
        _cancellation.Dispose();
        _completion.TrySetException(exception);
    }

    private void Abandon(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
