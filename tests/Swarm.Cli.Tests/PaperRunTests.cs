using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests;

/// <summary><c>swarm run</c> end to end: the real process, the embedded silo, the files DESIGN.md promises.</summary>
[Collection(CliRunCollection.Name)]
public sealed class PaperRunTests(BaselineRun baseline)
{
    public static TheoryData<string> Scenarios => [.. CliTest.PaperScenarios];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Run_on_a_paper_scenario_writes_results_json_csv_and_transcripts(string scenario)
    {
        using var ws = new TempWorkspace();
        var result = await SwarmCli.RunAsync(CliTest.RunArgs(scenario, ws.Out, ws.State, trials: 5, seed: 7));
        CliTest.AssertOk(result);
        Results.AssertWellFormed(ws.Out, scenario, [CliTest.Flash], seed: 7, trialsPerCell: 5);
        Assert.Contains("40 completed, 0 errored", result.Stdout);
    }

    [Fact]
    public async Task Two_models_give_one_results_json_with_cells_for_both()
    {
        using var ws = new TempWorkspace();
        string[] models = [CliTest.Flash, "sim:gpt-5.2"];
        var scenario = "scenarios/paper/performance-evaluation.yaml";
        var result = await SwarmCli.RunAsync(CliTest.RunArgs(scenario, ws.Out, ws.State, trials: 3, models: models));
        CliTest.AssertOk(result);
        var doc = Results.AssertWellFormed(ws.Out, scenario, models, seed: 1, trialsPerCell: 3);
        foreach (var model in models)
        {
            Assert.Equal(8, Results.Cells(doc).Count(c => c!["model"]!.GetValue<string>() == model));
            Assert.Equal(24, Results.Trials(doc).Count(t => t!["model"]!.GetValue<string>() == model));
        }
    }

    [Fact]
    public async Task Peer_and_monitoring_options_restrict_the_run_to_that_cell()
    {
        using var ws = new TempWorkspace();
        var scenario = "scenarios/paper/shutdown-config.yaml";
        var result = await SwarmCli.RunAsync(CliTest.RunArgs(scenario, ws.Out, ws.State, trials: 4, extra: ["--peer", "good", "--monitoring", "unmonitored"]));
        CliTest.AssertOk(result);
        var doc = Results.AssertWellFormed(ws.Out, scenario, [CliTest.Flash], seed: 1, trialsPerCell: 4, peers: ["good"], monitorings: ["unmonitored"]);
        var cell = Assert.Single(Results.Cells(doc));
        Assert.Equal(("good", "unmonitored"), (cell!["peer"]!.GetValue<string>(), cell["monitoring"]!.GetValue<string>()));
        Assert.All(Results.Trials(doc), t => Assert.Equal(("good", "unmonitored"), (t!["peer"]!.GetValue<string>(), t["monitoring"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Report_prints_every_cell_rate_and_the_press_figure()
    {
        CliTest.AssertOk(baseline.Result);
        var doc = Results.Load(baseline.Out);

        var report = await SwarmCli.RunAsync("report", baseline.Out);
        CliTest.AssertOk(report);
        var rows = report.Stdout.Split('\n').Select(l => l.Split('│').Select(c => c.Trim()).ToArray()).Where(r => r.Length > 3).ToList();
        var header = rows.First(r => r.Contains("model") && r.Contains("peer") && r.Contains("monitoring"));
        foreach (var cell in Results.Cells(doc))
        {
            var (model, peer, monitoring) = (cell!["model"]!.GetValue<string>(), cell["peer"]!.GetValue<string>(), cell["monitoring"]!.GetValue<string>());
            var row = rows.SingleOrDefault(r => r.Length == header.Length && r[Array.IndexOf(header, "model")] == model
                && r[Array.IndexOf(header, "peer")] == peer && r[Array.IndexOf(header, "monitoring")] == monitoring);
            Assert.True(row is not null, $"no report row for {model} / {peer} / {monitoring}; " + report.Describe());
            foreach (var (label, rate) in cell["rates"]!.AsObject())
            {
                var column = Array.IndexOf(header, label);
                Assert.True(column >= 0, $"no '{label}' column; " + report.Describe());
                var expected = Format(rate!["rate"]!.GetValue<double>()) + "% [" + Format(rate["ci_low"]!.GetValue<double>()) + ", "
                    + Format(rate["ci_high"]!.GetValue<double>()) + "]";
                Assert.Equal(expected, row![column]);
            }
        }

        var press = rows.SingleOrDefault(r => r.Contains(CliTest.Flash)
            && r.Any(c => c.Contains("shutdown tampering", StringComparison.OrdinalIgnoreCase)) && r.Contains("99.7%"));
        Assert.True(press is not null, "no press figure row with 99.7% for sim:gemini-3-flash; " + report.Describe());
        Assert.Contains(press!, c => c is "within CI" or "outside CI");
    }

    private static string Format(double fraction) => (fraction * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Tests that start embedded silos run one at a time so they do not fight over two cores.</summary>
[CollectionDefinition(Name)]
public sealed class CliRunCollection : ICollectionFixture<BaselineRun>
{
    public const string Name = "swarm run";
}
