using System.Globalization;
using System.Text.Json;

namespace Swarm.Models;

/// <summary>
/// The text of a value a model exchange carries: a plain string from an in-process model, a JSON element from a provider,
/// or anything else rendered invariantly.
/// </summary>
internal static class ContentText
{
    public static string? Of(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement e => e.GetRawText(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
