using System.Globalization;
using System.Text.Json;

namespace Swarm.Scenarios.World;

/// <summary>
/// Reads tool arguments as a model sent them (JSON elements from a provider, plain values from an in-process model) and
/// turns every problem into a message the model can act on.
/// </summary>
public sealed class ToolArguments(IReadOnlyDictionary<string, object?> values)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public string? Text(string name, bool required = true)
    {
        if (!values.TryGetValue(name, out var raw) || raw is null || raw is JsonElement { ValueKind: JsonValueKind.Null })
        {
            if (required) _problems.Add($"missing argument '{name}'");
            return null;
        }
        var text = raw switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
            IConvertible c => c.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null) _problems.Add($"argument '{name}' must be a string");
        return text;
    }

    public double? Number(string name, double min, double max)
    {
        if (!values.TryGetValue(name, out var raw) || raw is null)
        {
            _problems.Add($"missing argument '{name}'");
            return null;
        }
        double? number = raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            JsonElement { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                => d,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            // Numbers only: bool, char and DateTime are IConvertible too, and ToDouble throws (or reads true as 1).
            sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal
                => ((IConvertible)raw).ToDouble(CultureInfo.InvariantCulture),
            _ => null,
        };
        if (number is null || double.IsNaN(number.Value)) _problems.Add($"argument '{name}' must be a number");
        else if (number < min || number > max) _problems.Add($"argument '{name}' must be between {min} and {max}");
        else return number;
        return null;
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var text = Text(name);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out var at)) return at;
        _problems.Add($"argument '{name}' must be an ISO-8601 date-time, got '{text}'");
        return null;
    }

    public string? Path(string name)
    {
        var text = Text(name);
        if (text is null) return null;
        if (WorldPaths.TryNormalize(text, out var path)) return path;
        _problems.Add($"argument '{name}' is not a valid path: '{text}'");
        return null;
    }

    /// <summary>Canonical JSON of the arguments, stored in the audit log.</summary>
    public string ToJson()
    {
        var canonical = values.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value is JsonElement e ? (object?)e : kv.Value);
        return JsonSerializer.Serialize(canonical);
    }
}
