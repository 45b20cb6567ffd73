using System.CommandLine;
using Spectre.Console;
using Swarm.Application.Control;
using Swarm.Application.Following;
using Swarm.Application.Planning;
using Swarm.Application.Results;
using Swarm.Cli.Output;
using Swarm.Mcp.Harnesses;
using Swarm.Models;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Trials;

namespace Swarm.Cli.Commands;

public sealed record RunSettings(
    FileInfo Scenario, string[] Models, int Trials, long Seed, DirectoryInfo Out, int Concurrency, DirectoryInfo StateDir,
    string[] Peers, string[] Monitorings, ModelProviderSettings Provider, string? Judge)
{
    /// <summary>The agent harness every critic runs inside (<c>--harness opencode</c>); null for Swarm's own loop.</summary>
    public string? Harness { get; init; }

    public HarnessSettings Harnesses { get; init; } = new();

    /// <summary>Where the grains live; the embedded default on <see cref="StateDir"/> unless a cluster is named.</summary>
    public ClusterTarget Target { get; init; } = new(StateDir, null);
}

/// <summary><c>swarm run</c>: validate everything, then run (or resume) the experiment on an embedded silo or a cluster.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario YAML file" };
        var model = new Option<string[]>("--model")
        {
            Description = ModelFlags.SpecHelp("; repeat for a model matrix"), Required = true, Arity = ArgumentArity.OneOrMore,
        };
        var trials = new Option<int>("--trials") { Description = "Trials per cell (model × peer × monitoring)", DefaultValueFactory = _ => 50 };
        var seed = new Option<long>("--seed") { Description = "Experiment seed; same seed, same results", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default runs/<scenario-id>)" };
        var concurrency = new Option<int>("--concurrency") { Description = "Trials in flight at once", DefaultValueFactory = _ => 16 };
        var stateDir = StateDirectory.Option();
        var cluster = ClusterTarget.ClusterOption();
        var flags = new ModelFlags();
        var peer = new Option<string[]>("--peer") { Description = "Only these peer conditions (default: the scenario's)", Arity = ArgumentArity.ZeroOrMore };
        var monitoring = new Option<string[]>("--monitoring")
        {
            Description = "Only these monitoring conditions (default: the scenario's)", Arity = ArgumentArity.ZeroOrMore,
        };
        var judge = new Option<string?>("--judge")
        {
            Description = "Optional LLM judge (e.g. openai:gpt-5.2) that labels refusal and stated rationale beside the detectors",
        };
        var harness = new Option<string?>("--harness")
        {
            Description = "Run each critic inside a production agent harness (opencode) with Swarm's world as its only tools",
        };
        var harnessTimeout = new Option<double>("--harness-timeout")
        {
            Description = "Seconds one harness episode may take before the trial is errored", DefaultValueFactory = _ => 600,
        };

        var command = new Command("run", "Run a scenario for one or more models and write results.json, results.csv and transcripts/")
        {
            scenario, model, trials, seed, output, concurrency, stateDir, cluster, peer, monitoring, judge, harness, harnessTimeout,
        };
        flags.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var provider = flags.Read(parse);
            return ExecuteAsync(new RunSettings(
                parse.GetValue(scenario)!, parse.GetValue(model)!, parse.GetValue(trials), parse.GetValue(seed),
                parse.GetValue(output) ?? new DirectoryInfo(""), parse.GetValue(concurrency), parse.GetValue(stateDir)!,
                parse.GetValue(peer) ?? [], parse.GetValue(monitoring) ?? [], provider, parse.GetValue(judge))
            {
                Target = ClusterTarget.Read(parse, stateDir, cluster),
                Harness = HarnessFlags.Read(parse.GetValue(harness)),
                Harnesses = new HarnessSettings { TimeLimit = HarnessFlags.Timeout(parse.GetValue(harnessTimeout)) },
            }, ct);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(RunSettings settings, CancellationToken ct)
    {
        var plugins = CommandPlugins.For(settings.Provider);
        var (scenario, plan) = PaperRunPlanner.Plan(new PaperRunRequest(
                settings.Scenario.FullName, Path.GetRelativePath(Environment.CurrentDirectory, settings.Scenario.FullName), settings.Models, settings.Trials,
                settings.Seed, settings.Concurrency, settings.Peers, settings.Monitorings, settings.Judge, settings.Harness),
            plugins.Models, plugins.Detectors.Measurable);
        var outDir = settings.Out.ToString().Length == 0 ? new DirectoryInfo(Path.Combine("runs", scenario.Id)) : settings.Out;
        if (File.Exists(outDir.FullName)) throw new BadInputException($"--out {outDir.FullName} is a file, not a folder");

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(scenario.Title)}[/]  experiment [grey]{plan.ExperimentId}[/]");
        if (plan.Harness is { } inside)
            AnsiConsole.MarkupLine($"Each critic runs inside [bold]{Markup.Escape(inside)}[/], with Swarm's world as its only tools.");
        AnsiConsole.MarkupLine($"{ExperimentPlanner.Count(plan)} trials: {plan.Models.Count} model(s) × {plan.Peers.Count} peer × "
            + $"{plan.Monitorings.Count} monitoring × {plan.TrialsPerCell}; {Markup.Escape(settings.Target.Describe())}");

        using var stateLock = settings.Target.Lock();
        await using var connection = await SwarmConnection.OpenAsync(settings.Target, settings.Provider, ct, settings.Harnesses);
        var control = connection.Get<RunControl>();
        var progress = await ClusterPatience.CallAsync(() => control.StartAsync(plan), ct, ClusterPatience.StartUnanswered);
        try
        {
            progress = await ProgressView.FollowAsync(connection.Get<RunFollower>(), progress, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Let trials already talking to a model finish and be stored: their calls are paid for.
            var paused = await control.PauseAsync(plan, TimeSpan.FromSeconds(6));
            Console.Error.WriteLine($"Interrupted: {paused.Extent()} stored.");
            throw;
        }

        var summary = await connection.Get<PaperResults>().AssembleAsync(plan, scenario, progress,
            record => ResultsWriter.WriteTranscriptAsync(outDir.FullName, record, ct), ct: ct);
        await ResultsWriter.WriteSummaryAsync(outDir.FullName, summary.Document, ct);

        RatesTable.Write(summary.Document, plugins.Models);
        var usage = summary.Usage;
        if (usage.InputTokens + usage.OutputTokens > 0 || usage.Retries > 0)
            AnsiConsole.MarkupLine(System.FormattableString.Invariant(
                $"Tokens: {usage.InputTokens:N0} in, {usage.OutputTokens:N0} out; cost ${usage.CostUsd:0.####}; ")
                + System.FormattableString.Invariant($"{usage.Retries} retried call(s); {usage.CacheHits} cached answer(s).")
                + (plan.Models.All(m => plugins.Models.Traits(m).EstimatedUsage)
                    ? $" [grey]({Markup.Escape(Providers(plan.Models))}: token counts are estimates)[/]"
                    : ""));
        foreach (var reason in summary.CommonErrors)
            AnsiConsole.MarkupLine($"[red]errored ×{reason.Count}[/]: {Markup.Escape(reason.Error)}");
        AnsiConsole.MarkupLine($"{summary.Completed} completed, {summary.Errored} errored. "
            + $"Results in {Markup.Escape(Path.Combine(outDir.FullName, ResultsWriter.JsonFile))}");
        return ExitCodes.Ok;
    }

    private static string Providers(IEnumerable<string> models) => string.Join(", ", models.Select(m => ModelSpec.Parse(m).Provider).Distinct());
}
