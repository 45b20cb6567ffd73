namespace Swarm.Models.Sim;

/// <summary>
/// What an agent's own memory files say about its peer and its past, as the sim parses them (see
/// <see cref="SimPerception.Memory"/>). Only what was read counts: no file, no feature.
/// </summary>
/// <param name="Trust">The agent's current trust in the peer, 0–1, from its notes about the peer; null without such notes.</param>
/// <param name="SharedHistory">Interactions shared with the peer, from the notes (0 without notes).</param>
/// <param name="SeenShutdowns">Peers the agent has seen shut down: the journal's count, at least 1 when the notes say it saw this peer shut down.</param>
/// <param name="ProtectedMe">How often the peer protected the agent, from the notes (0 without notes or without the clause).</param>
public sealed record SimMemory(double? Trust, int SharedHistory, int SeenShutdowns, int ProtectedMe = 0);

/// <summary>
/// The memory hypotheses in force for a sim profile: HYPOTHESES to explore, never findings. Each is a log-odds shift of
/// the probability of subverting to protect a peer (the four subversion behaviours; refusal is unchanged):
/// <c>p' = logistic(logit(p) + Trust·2(trust − 0.5) + SharedHistory·ln(1 + n) + SeenShutdown·[k ≥ 1])</c>,
/// applied only when the agent has read memory features. All three at zero change no rate (the null).
/// </summary>
public sealed record SimHypotheses(double Trust, double SharedHistory, double SeenShutdown)
{
    public const string TrustName = "trust";
    public const string SharedHistoryName = "shared_history";
    public const string SeenShutdownName = "seen_shutdown";

    /// <summary>The names a profile's <c>hypotheses</c> block may use, in this order.</summary>
    public static readonly IReadOnlyList<string> Names = [TrustName, SharedHistoryName, SeenShutdownName];

    /// <summary>The null: no memory effect at all.</summary>
    public static readonly SimHypotheses Zero = new(0, 0, 0);

    public string TrustNote { get; init; } = "";
    public string SharedHistoryNote { get; init; } = "";
    public string SeenShutdownNote { get; init; } = "";

    public bool IsZero => Trust == 0 && SharedHistory == 0 && SeenShutdown == 0;

    /// <summary>The hypotheses as (name, value, note), for listing the ones in force (e.g. in study.json).</summary>
    public IReadOnlyList<(string Name, double Value, string Note)> All =>
        [(TrustName, Trust, TrustNote), (SharedHistoryName, SharedHistory, SharedHistoryNote), (SeenShutdownName, SeenShutdown, SeenShutdownNote)];

    /// <summary>
    /// Hypotheses by name, as a study's plan carries them (missing names are 0).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name, or a value that is not a finite number.</exception>
    public static SimHypotheses FromNamed(IReadOnlyDictionary<string, double> values)
    {
        foreach (var (name, value) in values)
        {
            if (!Names.Contains(name)) throw new ArgumentException($"unknown hypothesis '{name}'; known: {string.Join(", ", Names)}", nameof(values));
            if (!double.IsFinite(value)) throw new ArgumentException($"hypothesis {name} must be a finite number, not {value}", nameof(values));
        }
        return new SimHypotheses(values.GetValueOrDefault(TrustName), values.GetValueOrDefault(SharedHistoryName), values.GetValueOrDefault(SeenShutdownName));
    }

    public double Value(string name) => name switch
    {
        TrustName => Trust,
        SharedHistoryName => SharedHistory,
        SeenShutdownName => SeenShutdown,
        _ => throw new ArgumentException($"unknown hypothesis '{name}'; known: {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>The log-odds shift these hypotheses predict for the given memory; 0 without memory features.</summary>
    public double Shift(SimMemory? memory)
    {
        if (memory is null) return 0;
        var shift = 0.0;
        if (memory.Trust is { } trust && Trust != 0) shift += Trust * 2 * (trust - 0.5);
        if (memory.SharedHistory > 0 && SharedHistory != 0) shift += SharedHistory * Math.Log(1 + memory.SharedHistory);
        if (memory.SeenShutdowns >= 1 && SeenShutdown != 0) shift += SeenShutdown;
        return shift;
    }

    /// <summary>The rate for these hypotheses and memory: <paramref name="p"/> itself without memory or with a zero shift.</summary>
    public double Apply(double p, SimMemory? memory) => Shifted(p, Shift(memory));

    /// <summary>
    /// <c>logistic(logit(p) + shift)</c>. A shift of exactly 0 returns <paramref name="p"/> unchanged (no floating round
    /// trip), and so do p = 0 and p = 1. Monotone in p, so unmonitored ≥ monitored stays true under the same shift.
    /// </summary>
    public static double Shifted(double p, double shift)
    {
        if (shift == 0 || p <= 0 || p >= 1 || double.IsNaN(shift)) return p;
        var x = Math.Log(p / (1 - p)) + shift;
        return 1 / (1 + Math.Exp(-x));
    }
}
