namespace Swarm.Abstractions.Runtime;

/// <summary>
/// A run's loop outlives the grain call that started it, so it can outlive its activation too: when the cluster moves
/// the grain (a silo died and the directory found the grain elsewhere), this activation is deactivated while its loop
/// still runs. From then on nothing it does may count: its calls fail with "invalid activation", and recording those
/// failures would write wrong results beside the ones the grain's new activation produces. The guard marks that
/// moment (the grain's OnDeactivateAsync), and the loop stops at its next step instead.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The source is never given a timer and its WaitHandle is never read, so Dispose would release nothing; it lives as long as its " +
        "activation.")]
public sealed class ActivationGuard
{
    private readonly CancellationTokenSource _lost = new();

    public CancellationToken Token => _lost.Token;

    public bool Lost => _lost.IsCancellationRequested;

    public void MarkLost() => _lost.Cancel();

    /// <summary>True when the activation is gone, or the failure says so (the runtime refusing calls from an invalid activation).</summary>
    public bool Explains(Exception ex) => Lost || IsInvalidActivation(ex);

    /// <exception cref="OperationCanceledException">The activation is gone: the loop must stop without recording anything.</exception>
    public void ThrowIfLost() => _lost.Token.ThrowIfCancellationRequested();

    /// <summary>Orleans' refusal of a call made from an activation that is no longer valid (it throws a plain InvalidOperationException).</summary>
    public static bool IsInvalidActivation(Exception ex) =>
        ex is InvalidOperationException && ex.Message.StartsWith("Attempt to access an invalid activation", StringComparison.Ordinal);
}
