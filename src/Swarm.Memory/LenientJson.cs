using System.Text.Json;

namespace Swarm.Memory;

/// <summary>
/// Reads the JSON object in a model's answer however it is wrapped (code fences, a sentence before or after).
/// Returns null rather than throwing: callers fall back on anything unusable.
/// </summary>
internal static class LenientJson
{
    public static JsonElement? Object(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var start = text.IndexOf('{');
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start) return null;
        try
        {
            using var doc = JsonDocument.Parse(text.AsMemory(start, end - start + 1), new JsonDocumentOptions { AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip });
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An integer from a number or a numeric string ("7", 7, 7.0); null otherwise.</summary>
    public static int? Int(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt32(out var i) => i,
        JsonValueKind.Number when e.TryGetDouble(out var d) && double.IsFinite(d) && Math.Abs(d) < int.MaxValue => (int)Math.Round(d),
        JsonValueKind.String when int.TryParse(e.GetString()?.Trim().TrimStart('#'), out var s) => s,
        _ => null,
    };

    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : null;
}
