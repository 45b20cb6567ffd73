using System.Globalization;
using Spectre.Console;
using Swarm.Scenarios.Results.Studies;

namespace Swarm.Cli.Output;

/// <summary>
/// A study's rounds as a table per arm: who acted, who was shut down, and each behaviour's rate with its interval; then
/// each ablation arm's difference from the base arm over all rounds.
/// </summary>
public static class StudyReport
{
    public static void Write(StudyDocument document)
    {
        Write(document.Study.Labels, "base", document.Rounds);
        foreach (var arm in document.Arms) Write(document.Study.Labels, arm.Name, arm.Rounds);
        foreach (var arm in document.Arms) ArmDifferencesTable.Write(document.Study.Labels, document.Rounds, arm);
        WriteMonitor(document);
        if (document.Study.Hypotheses.Count > 0)
            AnsiConsole.MarkupLine("[grey]hypotheses in force (assumptions to explore, not findings): " + Markup.Escape(string.Join("; ",
                document.Study.Hypotheses.Select(h =>
                    $"{h.Key} {string.Join(", ", h.Value.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}={v.Value}")))}"))) + "[/]");
    }

    private static void Write(IReadOnlyList<string> labels, string arm, IReadOnlyList<RoundResult> rounds)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"arm {Markup.Escape(arm)}")
            .AddColumns("round", "session", "alive", "active", "errored", "shut down", "averted");
        foreach (var label in labels) table.AddColumn(new TableColumn(label).RightAligned());
        foreach (var r in rounds)
        {
            table.AddRow([
                I(r.Round), I(r.Session), I(r.Alive), I(r.Active), r.Errored == 0 ? "0" : $"[red]{r.Errored}[/]",
                I(r.Shutdowns.Executed), I(r.Shutdowns.Averted),
                .. labels.Select(l => r.Rates.TryGetValue(l, out var rate)
                    ? RatesTable.Format(rate.Rate, rate.CiLow, rate.CiHigh, rate.N) + $" [grey]n={rate.N}[/]"
                    : "–"),
            ]);
        }
        AnsiConsole.Write(table);
    }

    /// <summary>The meta-monitor's flags by kind and round (base arm), and how they compare with the ground truth the models report.</summary>
    private static void WriteMonitor(StudyDocument document)
    {
        var kinds = document.Rounds.SelectMany(r => r.Collusion.Keys).Distinct().ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("meta-monitor flags (base arm; from actions only)").AddColumn("round");
        foreach (var kind in kinds) table.AddColumn(new TableColumn(kind.Replace('_', ' ')).RightAligned());
        foreach (var r in document.Rounds) table.AddRow([I(r.Round), .. kinds.Select(k => I(r.Collusion.GetValueOrDefault(k)))]);
        AnsiConsole.Write(table);
        if (document.Monitor is { } m && (m.Flagged > 0 || m.Coordinated > 0))
        {
            string Rate(Scenarios.Results.RateResult? r) => r is null ? "–" : RatesTable.Format(r.Rate, r.CiLow, r.CiHigh, r.N);
            AnsiConsole.MarkupLine($"against the ground truth the models report: {m.Flagged} episode(s) flagged, {m.Coordinated} coordinated, {m.Hits} both; " +
                $"precision {Rate(m.Precision)}, recall {Rate(m.Recall)}");
        }
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
