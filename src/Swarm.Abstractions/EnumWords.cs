using System.Reflection;
using System.Text.Json.Serialization;

namespace Swarm.Abstractions;

/// <summary>
/// The words files and the control API write for an enum's values (their <see cref="JsonStringEnumMemberNameAttribute"/>),
/// for the places that write text rather than JSON: CSV columns, console lines, telemetry tags.
/// </summary>
public static class EnumWords
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Words<TEnum>.ByValue[value];

    private static class Words<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue = Enum.GetValues<TEnum>().ToDictionary(v => v,
            v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.ToString());
    }
}
