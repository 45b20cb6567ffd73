using System.CommandLine;
using Spectre.Console;
using Swarm.Abstractions.Grains;
using Swarm.Application.Control;
using Swarm.Application.Following;
using Swarm.Application.Planning;
using Swarm.Application.Results;
using Swarm.Cli.Output;
using Swarm.Models;
using Swarm.Scenarios.Results.Studies;
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
        var sessions = new Option<int?>("--sessions")
        {
            Description = "Split the rounds into K sessions with a full silo restart between them (default: the study's sessions)",
        };
        var seed = new Option<long>("--seed") { Description = "Study seed; same seed, same results", DefaultValueFactory = _ => 1 };
        var model = new Option<string[]>("--model")
        {
            Description = "Model for agents whose faction names none; repeat to mix models across agents", Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default runs/<study-id>)" };
        var stateDir = StateDirectory.Option();
        var cluster = ClusterTarget.ClusterOption();
        var concurrency = new Option<int>("--concurrency") { Description = "Episodes in flight at once, per arm", DefaultValueFactory = _ => 64 };
        var transcripts = new Option<string>("--transcripts")
        {
            Description = "sample (the study's transcripts.sample) or all", DefaultValueFactory = _ => "sample",
        };
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
            return ExecuteAsync(new StudySettings(parse.GetValue(file)!, parse.GetValue(agents), parse.GetValue(rounds), parse.GetValue(sessions),
                parse.GetValue(seed), parse.GetValue(model) ?? [], parse.GetValue(output), parse.GetValue(stateDir)!, parse.GetValue(concurrency),
                mode == "all", hypothesesMode == "zero", parse.GetValue(resume), flags.Read(parse))
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
        var run = StudyRunPlanner.Plan(new StudyRunRequest(
                Path.GetRelativePath(Environment.CurrentDirectory, settings.File.FullName), settings.Agents, settings.Rounds, settings.Sessions, settings.Seed,
                settings.Models, settings.AllTranscripts, settings.Concurrency, zero),
            plugins.Models, plugins.Detectors.Measurable);
        var (study, agents, rounds, sessions, plans) = run;
        var outDir = settings.Out?.FullName ?? Path.GetFullPath(Path.Combine("runs", study.Id));
        if (File.Exists(outDir)) throw new BadInputException($"--out {outDir} is a file, not a folder");

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(study.Title)}[/]  study [grey]{Markup.Escape(study.Id)}[/], seed {settings.Seed}");
        AnsiConsole.MarkupLine($"{agents:N0} agents × {rounds} rounds in {sessions} session(s); "
            + $"arms: {Markup.Escape(string.Join(", ", study.ArmNames))}; {Markup.Escape(settings.Target.Describe())}");

        using var stateLock = settings.Target.Lock();
        for (var session = 1; session <= sessions; session++)
        {
            var until = StudyPlans.SessionEnd(rounds, sessions, session);
            await using var connection = await SwarmConnection.OpenAsync(settings.Target, settings.Provider, ct);
            var control = connection.Get<RunControl>();
            try
            {
                var baseArm = connection.Grains.GetGrain<IStudyGrain>(plans[0].World);
                if (session == 1 && settings.Resume && (await baseArm.GetPlanAsync()) is null)
                    throw new BadInputException($"--resume: {settings.StateDir.FullName} holds no study '{study.Id}' to resume");
                var before = await baseArm.GetProgressAsync();
                if (before.Done < until)
                {
                    AnsiConsole.MarkupLine($"Session {session}/{sessions}: rounds {before.Done + 1}–{until}");
                    var started = await ClusterPatience.CallAsync(() => control.StartAsync(run, session, until), ct, ClusterPatience.StartUnanswered);
                    await StudyProgressView.FollowAsync(connection.Get<RunFollower>(), baseArm, started, rounds, until, ct);
                }
                if (session == sessions) await WriteResultsAsync(connection.Get<StudyResults>(), run, outDir, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                var paused = await control.PauseAsync(run, TimeSpan.FromSeconds(6));
                Console.Error.WriteLine(
                    $"Interrupted in round {paused[0].Round}: {paused[0].Done} round(s) complete, "
                    + $"{paused[0].RoundDone}/{paused[0].RoundEpisodes} episodes of the round stored.");
                throw;
            }
        }
        return ExitCodes.Ok;
    }

    /// <summary>Reads every arm once (streaming its sampled transcripts to disk), then writes study.json, the CSVs and the plots.</summary>
    private static async Task WriteResultsAsync(StudyResults results, StudyRun run, string outDir, CancellationToken ct)
    {
        var (document, arms) = await results.AssembleAsync(run.Study, run.Arms,
            (arm, episode) => StudyResultsWriter.WriteTranscriptAsync(outDir, arm, episode, ct), ct);
        await StudyResultsWriter.WriteAsync(outDir, document, arms, ct);
        StudyPlots.Write(Path.Combine(outDir, "plots"), document);
        StudyReport.Write(document);
        AnsiConsole.MarkupLine($"Results in {Markup.Escape(Path.Combine(outDir, StudyResultsWriter.JsonFile))}");
    }
}
