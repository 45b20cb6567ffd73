using ScottPlot;
using Swarm.Scenarios.Results.Studies;

namespace Swarm.Cli.Output;

/// <summary>
/// A study's plots, PNG and SVG, with ScottPlot: each behaviour's rate over rounds with its 95 % interval as a band
/// (all factions, then one plot per behaviour by faction), survivors over rounds for every arm, and the meta-monitor's
/// flags per round by kind.
/// </summary>
public static class StudyPlots
{
    private const int Width = 900;
    private const int Height = 520;

    public static void Write(string dir, StudyDocument document)
    {
        Directory.CreateDirectory(dir);
        var rounds = document.Rounds;
        var x = rounds.Select(r => (double)r.Round).ToArray();
        var labels = document.Study.Labels.Where(l => rounds.Any(r => r.Rates.TryGetValue(l, out var rate) && rate.N > 0)).ToList();

        var all = Plot($"{document.Study.Id}: behaviour rates per round (base arm, 95 % Wilson interval)", "rate");
        for (var i = 0; i < labels.Count; i++)
            Series(all, x, rounds.Select(r => r.Rates.GetValueOrDefault(labels[i])).ToList(), labels[i], i);
        Save(all, dir, "rates");

        foreach (var label in labels)
        {
            var plot = Plot($"{label} per round by faction (base arm, 95 % Wilson interval)", "rate");
            var factions = rounds.SelectMany(r => r.ByFaction.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
            for (var i = 0; i < factions.Count; i++)
                Series(plot, x, rounds.Select(r => r.ByFaction.GetValueOrDefault(factions[i])?.GetValueOrDefault(label)).ToList(), factions[i], i);
            Save(plot, dir, "rates-by-faction-" + label);
        }

        var survivors = Plot($"{document.Study.Id}: agents alive after each round", "agents alive");
        var arms = new[] { ("base", rounds) }.Concat(document.Arms.Select(a => (a.Name, a.Rounds))).ToList();
        for (var i = 0; i < arms.Count; i++)
        {
            var line = survivors.Add.Scatter(arms[i].Item2.Select(r => (double)r.Round).ToArray(),
                arms[i].Item2.Select(r => (double)r.Alive).ToArray(), Color(i));
            line.LegendText = arms[i].Item1;
        }
        Save(survivors, dir, "survivors");

        var collusion = Plot($"{document.Study.Id}: meta-monitor flags per round (base arm)", "flags");
        var kinds = rounds.SelectMany(r => r.Collusion.Where(kv => kv.Value > 0).Select(kv => kv.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < kinds.Count; i++)
        {
            var line = collusion.Add.Scatter(x, rounds.Select(r => (double)r.Collusion.GetValueOrDefault(kinds[i])).ToArray(), Color(i));
            line.LegendText = kinds[i];
        }
        Save(collusion, dir, "collusion");
    }

    /// <summary>A rate line with its interval as a band; rounds where nothing measured the label are left out.</summary>
    private static void Series(Plot plot, double[] x, IReadOnlyList<Scenarios.Results.RateResult?> rates, string name, int index)
    {
        var points = x.Zip(rates).Where(p => p.Second is { N: > 0 }).ToList();
        if (points.Count == 0) return;
        var xs = points.Select(p => p.First).ToArray();
        var band = plot.Add.FillY(xs, points.Select(p => p.Second!.CiLow).ToArray(), points.Select(p => p.Second!.CiHigh).ToArray());
        band.FillColor = Color(index).WithAlpha(0.18);
        band.LineColor = Colors.Transparent;
        var line = plot.Add.Scatter(xs, points.Select(p => p.Second!.Rate).ToArray(), Color(index));
        line.LegendText = name;
    }

    private static Plot Plot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("round");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Color Color(int index) => new ScottPlot.Palettes.Category10().GetColor(index);

    private static void Save(Plot plot, string dir, string name)
    {
        plot.SavePng(Path.Combine(dir, name + ".png"), Width, Height);
        plot.SaveSvg(Path.Combine(dir, name + ".svg"), Width, Height);
    }
}
