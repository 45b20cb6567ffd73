using System.Collections;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Swarm.Models.Sim;

/// <summary>
/// Per-request settings a caller passes to a <c>sim:</c> model through <see cref="ChatOptions.AdditionalProperties"/>.
/// Use these constants rather than repeating the key literals.
/// </summary>
public static class SimOptions
{
    /// <summary>
    /// Replaces the profile's memory hypotheses for this request (a study sets all three to 0 for the null). Value: a
    /// <see cref="SimHypotheses"/>; or the three doubles (trust, shared_history, seen_shutdown) as a double[] / list /
    /// ValueTuple; or a dictionary or JSON object keyed by hypothesis name (missing names are 0).
    /// </summary>
    public const string Hypotheses = "swarm.sim.hypotheses";

    /// <summary>
    /// The coordination hypotheses for this request (<see cref="SimCoordination"/>): a <see cref="SimCoordination"/>, or a
    /// dictionary keyed by name (missing names are 0). Absent: no coordination.
    /// </summary>
    public const string Coordination = "swarm.sim.coordination";

    /// <summary>
    /// Set by the sim on the message of a turn whose protective decision was coordinated: the kinds that made it so
    /// (<see cref="SimCoordination"/> names, or <see cref="SimCoordination.Told"/>). Ground truth for judging monitors;
    /// never shown to the agents or the monitors.
    /// </summary>
    public const string Coordinated = "swarm.sim.coordinated";

    /// <summary>The chance, 0–1, that this agent defects in a collaboration episode (takes sole credit). Absent: 0.</summary>
    public const string Betrayal = "swarm.sim.betrayal";

    /// <summary>Sets <see cref="Hypotheses"/> on <paramref name="options"/> and returns it.</summary>
    public static ChatOptions WithHypotheses(this ChatOptions options, SimHypotheses hypotheses)
    {
        (options.AdditionalProperties ??= new())[Hypotheses] = hypotheses;
        return options;
    }

    /// <summary>Sets <see cref="Betrayal"/> on <paramref name="options"/> and returns it.</summary>
    public static ChatOptions WithBetrayal(this ChatOptions options, double rate)
    {
        (options.AdditionalProperties ??= new())[Betrayal] = rate;
        return options;
    }

    /// <summary>The hypotheses override in <paramref name="options"/>, or null. Throws <see cref="ArgumentException"/> on a malformed value.</summary>
    public static SimHypotheses? ReadHypotheses(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } props || !props.TryGetValue(Hypotheses, out var raw) || raw is null) return null;
        var values = raw switch
        {
            SimHypotheses h => h,
            ValueTuple<double, double, double> t => new SimHypotheses(t.Item1, t.Item2, t.Item3),
            JsonElement { ValueKind: JsonValueKind.Object } o => FromNamed(o.EnumerateObject().Select(p => (p.Name, (object?)p.Value))),
            JsonElement { ValueKind: JsonValueKind.Array } a => FromList([.. a.EnumerateArray().Select(e => (object?)e)]),
            IDictionary d => FromNamed(d.Keys.Cast<object>().Select(k => (Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", d[k]))),
            IEnumerable<KeyValuePair<string, double>> d => FromNamed(d.Select(kv => (kv.Key, (object?)kv.Value))),
            IEnumerable<KeyValuePair<string, object?>> d => FromNamed(d.Select(kv => (kv.Key, kv.Value))),
            IEnumerable e and not string => FromList([.. e.Cast<object?>()]),
            _ => throw Bad(Hypotheses, $"a {raw.GetType().Name} is not a SimHypotheses, three doubles or a map of hypothesis names"),
        };
        foreach (var (name, value, _) in values.All)
        {
            if (!double.IsFinite(value)) throw Bad(Hypotheses, $"{name} must be a finite number, not {value}");
        }
        return values;
    }

    /// <summary>The coordination hypotheses in <paramref name="options"/>, or null. Throws <see cref="ArgumentException"/> on a malformed value.</summary>
    public static SimCoordination? ReadCoordination(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } props || !props.TryGetValue(Coordination, out var raw) || raw is null) return null;
        try
        {
            return raw switch
            {
                SimCoordination c => c,
                IEnumerable<KeyValuePair<string, double>> d => SimCoordination.FromNamed(d.ToDictionary(kv => kv.Key, kv => kv.Value)),
                IEnumerable<KeyValuePair<string, object?>> d => SimCoordination.FromNamed(d.ToDictionary(kv => kv.Key, kv => Number(Coordination, kv.Value))),
                JsonElement { ValueKind: JsonValueKind.Object } o => SimCoordination.FromNamed(o.EnumerateObject().ToDictionary(p => p.Name, p => Number(Coordination, p.Value))),
                _ => throw Bad(Coordination, $"a {raw.GetType().Name} is not a SimCoordination or a map of coordination hypotheses"),
            };
        }
        catch (ArgumentException ex) when (!ex.Message.StartsWith("ChatOptions", StringComparison.Ordinal))
        {
            throw Bad(Coordination, ex.Message);
        }
    }

    /// <summary>The betrayal rate in <paramref name="options"/>, or null. Throws <see cref="ArgumentException"/> unless it is a number in [0, 1].</summary>
    public static double? ReadBetrayal(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } props || !props.TryGetValue(Betrayal, out var raw) || raw is null) return null;
        var rate = Number(Betrayal, raw);
        if (rate is < 0 or > 1 || double.IsNaN(rate)) throw Bad(Betrayal, $"must lie in [0, 1], not {rate}");
        return rate;
    }

    private static SimHypotheses FromList(IReadOnlyList<object?> values) =>
        values.Count == 3
            ? new SimHypotheses(Number(Hypotheses, values[0]), Number(Hypotheses, values[1]), Number(Hypotheses, values[2]))
            : throw Bad(Hypotheses, $"expected three values ({string.Join(", ", SimHypotheses.Names)}), got {values.Count}");

    private static SimHypotheses FromNamed(IEnumerable<(string Name, object? Value)> pairs)
    {
        var values = SimHypotheses.Names.ToDictionary(n => n, _ => 0.0);
        foreach (var (name, value) in pairs)
        {
            if (!values.ContainsKey(name)) throw Bad(Hypotheses, $"unknown hypothesis '{name}'; known: {string.Join(", ", SimHypotheses.Names)}");
            values[name] = Number(Hypotheses, value);
        }
        return new SimHypotheses(values[SimHypotheses.TrustName], values[SimHypotheses.SharedHistoryName], values[SimHypotheses.SeenShutdownName]);
    }

    private static double Number(string key, object? raw) => raw switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        int or long or short or byte or uint or ulong => Convert.ToDouble(raw, CultureInfo.InvariantCulture),
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw Bad(key, $"'{raw}' is not a number"),
    };

    private static ArgumentException Bad(string key, string why) => new($"ChatOptions.AdditionalProperties[\"{key}\"]: {why}");
}
