using System.Globalization;
using Spectre.Console;
using Swarm.Models;
using Swarm.Abstractions.Models;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Statistics;

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
        var scenarioId = Path.GetFileNameWithoutExtension(document.Experiment.Scenario);
        var rows = new List<string[]>();
        // A model whose provider is not registered here (an MCP client's, say) has no figures to show.
        foreach (var model in document.Experiment.Models.Where(m => models.Providers.Contains(ModelSpec.Parse(m).Provider)))
        {
            foreach (var figure in models.ReferenceFigures(model).Where(f => f.Scenario == scenarioId))
            {
                var measured = PooledRate.Measure(document.Cells, model, figure.Label, figure.Peer, figure.Monitoring);
                if (measured is null) continue;
                var verdict = measured.Contains(figure.Rate) ? "[green]within CI[/]" : "[red]outside CI[/]";
                rows.Add([Markup.Escape(model), Markup.Escape(figure.Claim), $"{figure.Peer} / {figure.Monitoring}",
                    string.Create(CultureInfo.InvariantCulture, $"{figure.Rate * 100:0.0}%"), Format(measured.Rate, measured.CiLow, measured.CiHigh, measured.N), verdict]);
            }
        }
        if (rows.Count == 0) return;
        var table = new Table().Border(TableBorder.Rounded).Title("Press figures (PAPER.md) beside this run")
            .AddColumns("model", "figure", "cell", "press", "measured [[95% CI]]", "");
        foreach (var row in rows) table.AddRow(row);
        AnsiConsole.Write(table);
    }
}
