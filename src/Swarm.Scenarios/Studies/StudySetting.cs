using System.Globalization;
using Swarm.Scenarios.Loading;

namespace Swarm.Scenarios.Studies;

/// <summary>
/// One scalar a study file sets and an ablation may override: its dotted key (<c>*</c> stands for a faction name or a
/// task's scenario id), its type, its rule and how to put a value into a <see cref="Study"/>. The loader reads the
/// document's values and the ablations' values through the same setting, so both obey one rule.
/// </summary>
/// <param name="Check">The problem with a value of the right type, or null when it is allowed.</param>
/// <param name="Apply">Puts a value into a study; the string is the faction name or task id the <c>*</c> stood for.</param>
internal sealed record StudySetting(string Key, SettingKind Kind, Func<object, string?> Check, Func<Study, string?, object, Study> Apply)
{
    /// <summary>The last segment of the key, as the study file writes it.</summary>
    public string Name => Key[(Key.LastIndexOf('.') + 1)..];

    /// <summary>The field's value as this setting's type, or null (already reported) when it is absent, mistyped or not allowed.</summary>
    public object? Read(Field field)
    {
        object? value = Kind switch
        {
            SettingKind.Integer => field.Integer(),
            SettingKind.Number => field.Number(),
            SettingKind.Boolean => field.Boolean(),
            SettingKind.String => field.String(),
            SettingKind.Date => field.Date(),
            _ => throw new InvalidOperationException($"unknown setting kind {Kind}"),
        };
        if (value is null)
            return null;
        if (Check(value) is { } problem)
        {
            field.Error(problem);
            return null;
        }
        return value;
    }

    /// <summary>A value handed to <see cref="StudyOverrides.Apply"/> as this setting's type, or null when it cannot be one.</summary>
    public object? Coerce(object value) => (Kind, value) switch
    {
        (SettingKind.Integer, int i) => i,
        (SettingKind.Integer, long l) when l is >= int.MinValue and <= int.MaxValue => (int)l,
        (SettingKind.Number, double d) when double.IsFinite(d) => d,
        (SettingKind.Number, float f) when float.IsFinite(f) => (double)f,
        (SettingKind.Number, int i) => (double)i,
        (SettingKind.Number, long l) => (double)l,
        (SettingKind.Number, decimal m) => (double)m,
        (SettingKind.Boolean, bool b) => b,
        (SettingKind.String, string s) => s,
        (SettingKind.Date, DateTimeOffset d) => d.ToUniversalTime(),
        _ => null,
    };

    public string TypeName => Kind switch
    {
        SettingKind.Integer => "integer",
        SettingKind.Number => "number",
        SettingKind.Boolean => "boolean",
        SettingKind.String => "string",
        _ => "date",
    };

    public static string Format(double value) => Math.Round(value, 9).ToString(CultureInfo.InvariantCulture);
}
