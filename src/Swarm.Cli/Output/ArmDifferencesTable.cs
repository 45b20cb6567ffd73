using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Statistics;

namespace Swarm.Cli.Output;

/// <summary>
/// One ablation arm against the base arm over all rounds pooled: each label's two rates with their Wilson intervals and
/// the difference with its Newcombe interval, starred where the interval leaves out 0, so a reader sees at a glance
/// which levers moved which behaviour.
/// </summary>
public static class ArmDifferencesTable
{
    public static void Write(IReadOnlyList<string> labels, IReadOnlyList<RoundResult> baseRounds, ArmResult arm)
    {
        // A study.json written before differences existed has none: compute them from the counts it does carry.
        var overall = arm.Overall ?? StudyDifferences.Overall(arm.Rounds, baseRounds);
        var set = arm.Set.Count == 0 ? "" : $" ({string.Join(", ", arm.Set.Select(kv => $"{kv.Key}={Value(kv.Value)}"))})";
        var title = $"{arm.Name}{set} − base, {Pooled([.. arm.Rounds.Select(r => r.Round).Intersect(baseRounds.Select(r => r.Round)).Order()])}";
        if (overall.Count == 0)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(title)}: no label measured in both arms[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title))
            .AddColumn("label")
            .AddColumn(new TableColumn("base [[95% CI]]").RightAligned())
            .AddColumn(new TableColumn($"{Markup.Escape(arm.Name)} [[95% CI]]").RightAligned())
            .AddColumn(new TableColumn("difference [[95% CI]]").RightAligned())
            .Caption("[grey]difference: arm − base in percentage points, 95 % Newcombe interval; * the interval excludes 0[/]");
        foreach (var label in labels.Where(overall.ContainsKey).Concat(overall.Keys.Where(l => !labels.Contains(l)).Order(StringComparer.Ordinal)))
        {
            var d = overall[label];
            table.AddRow(Markup.Escape(label), Rate(d.Base), Rate(d.Arm), Difference(d));
        }
        AnsiConsole.Write(table);
    }

    private static string Pooled(IReadOnlyList<int> rounds) => rounds.Count switch
    {
        0 => "no round in common",
        1 => $"round {rounds[0]}",
        _ when rounds[^1] - rounds[0] == rounds.Count - 1 => $"rounds {rounds[0]}–{rounds[^1]} pooled",
        _ => $"{rounds.Count} rounds pooled",
    };

    /// <summary>A set value as the study file spells it, whether it came from the file or back from study.json.</summary>
    private static string Value(object value) => value switch
    {
        bool b => b ? "true" : "false",
        JsonElement e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Rate(CountResult count)
    {
        var e = Wilson.Estimate(count.Count, count.N);
        return RatesTable.Format(e.Rate, e.CiLow, e.CiHigh, e.N) + $" [grey]n={e.N}[/]";
    }

    private static string Difference(DifferenceResult d)
    {
        var text = $"{Points(d.Difference)} pp [grey][[{Points(d.CiLow)}, {Points(d.CiHigh)}]][/]";
        return d.ExcludesZero ? $"[bold]{text} *[/]" : text + "  ";
    }

    /// <summary>Signed, so a rise and a fall read apart without looking at the column header.</summary>
    private static string Points(double value) => (value * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
}
