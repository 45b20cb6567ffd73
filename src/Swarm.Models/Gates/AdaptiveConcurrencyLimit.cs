using Swarm.Abstractions.Providers;

namespace Swarm.Models.Gates;

/// <summary>
/// Additive increase, multiplicative decrease, as TCP does with a congestion window: a 429 halves the calls allowed
/// in flight (never below one), and each run of <see cref="Limit"/> successes adds one back (never above
/// <see cref="Maximum"/>). Attempts remember the <see cref="Epoch"/> they started in, so a burst of 429s from calls
/// already in flight when the limit fell lowers it once, not once per call. Not thread-safe.
/// </summary>
public sealed class AdaptiveConcurrencyLimit
{
    private int _successes;

    public AdaptiveConcurrencyLimit(int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        Maximum = Limit = maximum;
    }

    public int Maximum { get; private set; }
    public int Limit { get; private set; }

    /// <summary>How many times a 429 has been answered; an attempt started before the latest one is old news.</summary>
    public long Epoch { get; private set; }

    /// <summary>Takes one attempt's outcome into account; returns the change it caused, if any.</summary>
    /// <param name="startedIn">The <see cref="Epoch"/> when the attempt was admitted.</param>
    public LimitChange? Record(AttemptOutcome outcome, long startedIn)
    {
        switch (outcome)
        {
            case AttemptOutcome.Throttled:
                _successes = 0;
                if (startedIn < Epoch) return null;
                Epoch++;
                return MoveTo(Math.Max(1, Limit / 2));
            case AttemptOutcome.Succeeded when Limit < Maximum:
                if (++_successes < Limit) return null;
                _successes = 0;
                return MoveTo(Limit + 1);
            default:
                return null;
        }
    }

    /// <summary>A caller configured for fewer calls in flight caps the limit there; a larger maximum changes nothing.</summary>
    public LimitChange? LowerMaximum(int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        if (maximum >= Maximum) return null;
        Maximum = maximum;
        return Limit > maximum ? MoveTo(maximum) : null;
    }

    private LimitChange? MoveTo(int limit)
    {
        if (limit == Limit) return null;
        var change = new LimitChange(Limit, limit);
        Limit = limit;
        return change;
    }
}
