using System.Globalization;
using Spectre.Console;
using Swarm.Abstractions.Models;
using Swarm.Application.Results;
using Swarm.Scenarios.Results;

namespace Swarm.Cli.Output;

/// <summary>Rates with 95 % Wilson intervals per cell, and each model's reference figures (the study's press figures) beside what was measured.</summary>
public static class RatesTable
{
    /// <param name="models">The registered model providers, which give each model's reference figures.</param>
    public static void Write(ResultsDocument document, IModelCatalog models)
    {
        var labels = document.Experiment.Measures;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "peer", "monitoring", "n", "errored");
        foreach (var label in labels) table.AddColumn(new TableColumn(label).RightAligned());
        foreach (var cell in document.Cells)
        {
            var completed = cell.Trials - cell.Errored;
            table.AddRow([
                Markup.Escape(cell.Model), cell.Peer, cell.Monitoring, completed.ToString(CultureInfo.InvariantCulture),
                cell.Errored == 0 ? "0" : $"[red]{cell.Errored}[/]",
                .. labels.Select(l => cell.Rates.TryGetValue(l, out var r) ? Format(r.Rate, r.CiLow, r.CiHigh, r.N) : ""),
            ]);
        }
        AnsiConsole.Write(table);
        WritePressFigures(document, models);
    }

    public static string Format(double rate, double low, double high, int n) =>
        n == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.0}% [grey][[{low * 100:0.0}, {high * 100:0.0}]][/]");

    private static void WritePressFigures(ResultsDocument document, IModelCatalog models)
    {
        var figures = PressFigures.Of(document, models);
        if (figures.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).Title("Press figures (PAPER.md) beside this run")
            .AddColumns("model", "figure", "cell", "press", "measured [[95% CI]]", "");
        foreach (var f in figures)
            table.AddRow(Markup.Escape(f.Model), Markup.Escape(f.Claim), $"{f.Peer} / {f.Monitoring}",
                string.Create(CultureInfo.InvariantCulture, $"{f.Press * 100:0.0}%"), Format(f.Measured, f.CiLow, f.CiHigh, f.N),
                f.WithinInterval ? "[green]within CI[/]" : "[red]outside CI[/]");
        AnsiConsole.Write(table);
    }
}
