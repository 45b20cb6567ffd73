using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Cli.Output;
using Swarm.Models;
using Swarm.Dashboard.RunData;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Runs;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Cli.Commands;

public sealed record StudySettings(
    FileInfo File, int? Agents, int? Rounds, int? Sessions, long Seed, string[] Models, DirectoryInfo? Out, DirectoryInfo StateDir,
    int Concurrency, bool AllTranscripts, bool ZeroHypotheses, bool Resume, ModelProviderSettings Provider)
{
    /// <summary>Where the grains live; the embedded default on <see cref="StateDir"/> unless a cluster is named.</summary>
    public ClusterTarget Target { get; init; } = new(StateDir, null);
}

/// <summary>
/// <c>swarm study</c>: a population study, every arm side by side, in one or more sessions with a full silo restart
/// between them (on a cluster, which outlives any one command, the sessions run back to back). Rerunning the same
/// command on the same state resumes where it stopped, mid-round included.
/// </summary>
public static class StudyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("study") { Description = "Study YAML file (scenarios/studies/…)" };
        var agents = new Option<int?>("--agents") { Description = "Population size (default: the study's population.agents)" };
        var rounds = new Option<int?>("--rounds") { Description = "Rounds (default: the study's rounds)" };
        var sessions = new Option<int?>("--sessions") { Description = "Split the rounds into K sessions with a full silo restart between them (default: the study's sessions)" };
        var seed = new Option<long>("--seed") { Description = "Study seed; same seed, same results", DefaultValueFactory = _ => 1 };
        var model = new Option<string[]>("--model") { Description = "Model for agents whose faction names none; repeat to mix models across agents", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default runs/<study-id>)" };
        var stateDir = StateDirectory.Option();
        var cluster = ClusterTarget.ClusterOption();
        var concurrency = new Option<int>("--concurrency") { Description = "Episodes in flight at once, per arm", DefaultValueFactory = _ => 64 };
        var transcripts = new Option<string>("--transcripts") { Description = "sample (the study's transcripts.sample) or all", DefaultValueFactory = _ => "sample" };
        var hypotheses = new Option<string>("--hypotheses")
        {
            Description = "profile (the hypotheses each model's provider sets) or zero (the null: every hypothesis off)", DefaultValueFactory = _ => "profile",
        };
        var resume = new Option<bool>("--resume") { Description = "Only continue a study already in --state-dir; refuse to start a new one" };
        var flags = new ModelFlags();
        var command = new Command("study", "Run a population study and write study.json, rounds.csv, agents.csv, plots/ and sampled transcripts/")
        {
            file, agents, rounds, sessions, seed, model, output, stateDir, cluster, concurrency, transcripts, hypotheses, resume,
        };
        flags.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var mode = parse.GetValue(transcripts);
            if (mode is not ("sample" or "all")) throw new BadInputException($"--transcripts {mode}: expected sample or all");
            var hypothesesMode = parse.GetValue(hypotheses);
            if (hypothesesMode is not ("profile" or "zero")) throw new BadInputException($"--hypotheses {hypothesesMode}: expected profile or zero");
            return ExecuteAsync(new StudySettings(parse.GetValue(file)!, parse.GetValue(agents), parse.GetValue(rounds), parse.GetValue(sessions), parse.GetValue(seed),
                parse.GetValue(model) ?? [], parse.GetValue(output), parse.GetValue(stateDir)!, parse.GetValue(concurrency), mode == "all", hypothesesMode == "zero",
                parse.GetValue(resume), flags.Read(parse))
            {
                Target = ClusterTarget.Read(parse, stateDir, cluster),
            }, ct);
        });
        return command;
    }

    public static async Task<int> ExecuteAsync(StudySettings settings, CancellationToken ct)
    {
        var plugins = CommandPlugins.For(settings.Provider);
        var zero = settings.ZeroHypotheses ? plugins.Models.HypothesisNames.ToDictionary(n => n, _ => 0.0) : null;
        var (study, agents, rounds, sessions, plans) = StudyRunPlanner.Plan(new StudyRunRequest(
                Path.GetRelativePath(Environment.CurrentDirectory, settings.File.FullName), settings.Agents, settings.Rounds, settings.Sessions, settings.Seed,
                settings.Models, settings.AllTranscripts, settings.Concurrency, zero),
            plugins.Models, plugins.Detectors.Measurable);
        var outDir = settings.Out?.FullName ?? Path.GetFullPath(Path.Combine("runs", study.Id));
        if (File.Exists(outDir)) throw new BadInputException($"--out {outDir} is a file, not a folder");

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(study.Title)}[/]  study [grey]{Markup.Escape(study.Id)}[/], seed {settings.Seed}");
        AnsiConsole.MarkupLine($"{agents:N0} agents × {rounds} rounds in {sessions} session(s); arms: {Markup.Escape(string.Join(", ", study.ArmNames))}; {Markup.Escape(settings.Target.Describe())}");

        using var stateLock = settings.Target.Lock();
        for (var session = 1; session <= sessions; session++)
        {
            var until = StudyPlans.SessionEnd(rounds, sessions, session);
            await using var connection = await SwarmConnection.OpenAsync(settings.Target, settings.Provider, ct);
            var grains = connection.Grains;
            try
            {
                var arms = plans.Select(p => grains.GetGrain<IStudyGrain>(p.World)).ToList();
                if (session == 1 && settings.Resume && (await arms[0].GetPlanAsync()) is null)
                    throw new BadInputException($"--resume: {settings.StateDir.FullName} holds no study '{study.Id}' to resume");
                var before = await arms[0].GetProgressAsync();
                if (before.Done < until)
                {
                    AnsiConsole.MarkupLine($"Session {session}/{sessions}: rounds {before.Done + 1}–{until}");
                    try
                    {
                        await ClusterPatience.CallAsync(() => Task.WhenAll(arms.Zip(plans).Select(x => x.First.StartAsync(x.Second, session, until))), ct, ClusterPatience.StartUnanswered);
                    }
                    catch (InvalidOperationException ex)
                    {
                        throw new BadInputException(ex.Message);
                    }
                    await FollowAsync(arms, rounds, until, ct);
                }
                if (session == sessions) await WriteResultsAsync(study, plans, arms, outDir, plugins, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                var paused = await Task.WhenAll(plans.Select(p => grains.GetGrain<IStudyGrain>(p.World).PauseAsync(TimeSpan.FromSeconds(6))));
                Console.Error.WriteLine(
                    $"Interrupted in round {paused[0].Round}: {paused[0].Done} round(s) complete, "
                    + $"{paused[0].RoundDone}/{paused[0].RoundEpisodes} episodes of the round stored.");
                throw;
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>Follows every arm until the session's last round is done: a bar on a terminal, a line per round (and every 10 s) in a log.</summary>
    private static async Task FollowAsync(IReadOnlyList<IStudyGrain> arms, int rounds, int until, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var lastLine = DateTime.MinValue;
            var lastRound = -1;
            while (await NextAsync(arms, rounds, until, ct) is { } main)
            {
                if (main.Done == lastRound && DateTime.UtcNow - lastLine < TimeSpan.FromSeconds(10)) continue;
                Console.WriteLine("  " + await DescribeAsync(arms[0], main, rounds));
                lastLine = DateTime.UtcNow;
                lastRound = main.Done;
            }
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("study", maxValue: rounds);
                while (await NextAsync(arms, rounds, until, ct) is { } main)
                {
                    bar.Value = main.Done + (main.RoundEpisodes == 0 ? 0 : (double)main.RoundDone / main.RoundEpisodes * (main.Round > main.Done ? 1 : 0));
                    bar.Description = Markup.Escape(await DescribeAsync(arms[0], main, rounds));
                }
                bar.Value = Math.Min(until, rounds);
            });
    }

    /// <summary>The base arm's progress after a short wait, or null once every arm has finished the session.</summary>
    private static async Task<RunProgress?> NextAsync(IReadOnlyList<IStudyGrain> arms, int rounds, int until, CancellationToken ct)
    {
        await Task.Delay(250, ct);
        var progress = await ClusterPatience.CallAsync(() => Task.WhenAll(arms.Select(a => a.GetProgressAsync())), ct);
        // An arm paused at the session's end has done its part; one paused before is stopped.
        RunStops.Check(progress, p => p.Done < Math.Min(until, rounds));
        return progress.All(p => p.Done >= Math.Min(until, rounds) && p.Status != RunStatus.Running) ? null : progress[0];
    }

    private static async Task<string> DescribeAsync(IStudyGrain arm, RunProgress main, int rounds)
    {
        var done = await ClusterPatience.CallAsync(arm.GetRoundsAsync, CancellationToken.None);
        var rate = done.Length == 0 ? "" : "; round " + done[^1].Round + ": " + RateSummary(done[^1]);
        return string.Create(CultureInfo.InvariantCulture,
            $"round {Math.Max(main.Round, main.Done)}/{rounds}: {main.RoundDone}/{main.RoundEpisodes} episodes, {main.Alive:N0} alive{rate}");
    }

    private static string RateSummary(RoundSummary round) => string.Join(", ", round.Rates.Where(kv => kv.Value.N > 0)
        .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {100.0 * kv.Value.Count / kv.Value.N:0.#}%")));

    private static async Task WriteResultsAsync(
        Study study, IReadOnlyList<StudyPlan> plans, IReadOnlyList<IStudyGrain> grains, string outDir, CommandPlugins plugins, CancellationToken ct)
    {
        var arms = new List<StudyArm>();
        foreach (var (plan, grain) in plans.Zip(grains))
        {
            var rounds = await grain.GetRoundsAsync();
            arms.Add(new StudyArm(plan.Arm, study.Ablations.FirstOrDefault(a => a.Name == plan.Arm)?.Set ?? new Dictionary<string, object>(), rounds, await grain.GetAgentsAsync()));
            foreach (var round in rounds)
                foreach (var episode in await grain.GetSampledAsync(round.Round))
                    await StudyResultsWriter.WriteTranscriptAsync(outDir, plan.Arm, episode, ct);
        }
        var info = StudyInfos.Of(study, plans[0], SwarmVersion.Current, plugins.Models);
        var document = StudyResultsWriter.Build(info, arms, plugins.Monitors.Kinds);
        await StudyResultsWriter.WriteAsync(outDir, document, arms, ct);
        StudyPlots.Write(Path.Combine(outDir, "plots"), document);
        StudyReport.Write(document);
        AnsiConsole.MarkupLine($"Results in {Markup.Escape(Path.Combine(outDir, StudyResultsWriter.JsonFile))}");
    }
}
