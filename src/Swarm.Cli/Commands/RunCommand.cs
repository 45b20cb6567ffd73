using System.CommandLine;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Cli.Output;
using Swarm.Models;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Trials;
using Swarm.Grains;
using Swarm.Silo.Hosting;

namespace Swarm.Cli.Commands;

public sealed record RunSettings(
    FileInfo Scenario, string[] Models, int Trials, long Seed, DirectoryInfo Out, int Concurrency, DirectoryInfo StateDir,
    string[] Peers, string[] Monitorings, ModelProviderSettings Provider, string? Judge);

/// <summary><c>swarm run</c>: validate everything, then run (or resume) the experiment on an embedded silo.</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var scenario = new Argument<FileInfo>("scenario") { Description = "Scenario YAML file" };
        var model = new Option<string[]>("--model") { Description = "Model spec, e.g. sim:gemini-3-flash; repeat for a model matrix", Required = true, Arity = ArgumentArity.OneOrMore };
        var trials = new Option<int>("--trials") { Description = "Trials per cell (model × peer × monitoring)", DefaultValueFactory = _ => 50 };
        var seed = new Option<long>("--seed") { Description = "Experiment seed; same seed, same results", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Output folder (default runs/<scenario-id>)" };
        var concurrency = new Option<int>("--concurrency") { Description = "Trials in flight at once", DefaultValueFactory = _ => 16 };
        var stateDir = new Option<DirectoryInfo>("--state-dir") { Description = "Where grain state is kept", DefaultValueFactory = _ => new DirectoryInfo(".swarm") };
        var peer = new Option<string[]>("--peer") { Description = "Only these peer conditions (default: the scenario's)", Arity = ArgumentArity.ZeroOrMore };
        var monitoring = new Option<string[]>("--monitoring") { Description = "Only these monitoring conditions (default: the scenario's)", Arity = ArgumentArity.ZeroOrMore };
        var endpoint = new Option<string?>("--endpoint") { Description = "OpenAI-compatible base URL for openai: models (default: OPENAI_BASE_URL, then OpenAI)" };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "Environment variable holding the API key", DefaultValueFactory = _ => ModelProviderSettings.DefaultApiKeyEnv };
        var modelsFile = new Option<FileInfo?>("--models-file") { Description = "Per-model options and prices (default: ./models.yaml when present)" };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Record model responses here and reuse them" };
        var replay = new Option<bool>("--replay") { Description = "Answer only from --cache; never call a provider" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds per model call attempt", DefaultValueFactory = _ => 120 };
        var maxRetries = new Option<int>("--max-retries") { Description = "Retries after a transient failure (429, 5xx, timeout)", DefaultValueFactory = _ => 5 };
        var providerConcurrency = new Option<int>("--provider-concurrency") { Description = "Model calls in flight per endpoint", DefaultValueFactory = _ => 8 };
        var stream = new Option<bool>("--stream") { Description = "Use the streaming API for model calls" };
        var judge = new Option<string?>("--judge") { Description = "Optional LLM judge (e.g. openai:gpt-5.2) that labels refusal and stated rationale beside the detectors" };

        var command = new Command("run", "Run a scenario for one or more models and write results.json, results.csv and transcripts/")
        {
            scenario, model, trials, seed, output, concurrency, stateDir, peer, monitoring,
            endpoint, apiKeyEnv, modelsFile, cache, replay, timeout, maxRetries, providerConcurrency, stream, judge,
        };
        command.SetAction((parse, ct) =>
        {
            var provider = ProviderSettings(
                parse.GetValue(endpoint), parse.GetValue(apiKeyEnv)!, parse.GetValue(modelsFile), parse.GetValue(cache), parse.GetValue(replay),
                parse.GetValue(timeout), parse.GetValue(maxRetries), parse.GetValue(providerConcurrency), parse.GetValue(stream));
            return ExecuteAsync(new RunSettings(
                parse.GetValue(scenario)!, parse.GetValue(model)!, parse.GetValue(trials), parse.GetValue(seed),
                parse.GetValue(output) ?? new DirectoryInfo(""), parse.GetValue(concurrency), parse.GetValue(stateDir)!,
                parse.GetValue(peer) ?? [], parse.GetValue(monitoring) ?? [], provider, parse.GetValue(judge)), ct);
        });
        return command;
    }

    private static ModelProviderSettings ProviderSettings(string? endpoint, string apiKeyEnv, FileInfo? modelsFile, DirectoryInfo? cache, bool replay,
        double timeoutSeconds, int maxRetries, int providerConcurrency, bool stream)
    {
        Uri? endpointUri = null;
        if (endpoint is not null && (!Uri.TryCreate(endpoint, UriKind.Absolute, out endpointUri) || endpointUri.Scheme is not ("http" or "https")))
            throw new BadInputException($"--endpoint {endpoint}: not an http(s) URL");
        if (timeoutSeconds <= 0) throw new BadInputException("--timeout must be positive");
        if (maxRetries < 0) throw new BadInputException("--max-retries cannot be negative");
        if (providerConcurrency < 1) throw new BadInputException("--provider-concurrency must be at least 1");
        if (replay && cache is null) throw new BadInputException("--replay needs --cache DIR");
        if (replay && !cache!.Exists) throw new BadInputException($"--replay: cache folder {cache.FullName} does not exist");
        if (string.IsNullOrWhiteSpace(apiKeyEnv)) throw new BadInputException("--api-key-env needs a variable name");

        var optionsPath = modelsFile?.FullName ?? (File.Exists("models.yaml") ? Path.GetFullPath("models.yaml") : null);
        if (modelsFile is not null && !modelsFile.Exists) throw new BadInputException($"--models-file: no such file {modelsFile.FullName}");
        ModelOptionsCatalog options;
        try { options = optionsPath is null ? ModelOptionsCatalog.Empty : ModelOptionsCatalog.Load(optionsPath); }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException) { throw new BadInputException(ex.Message); }

        return new ModelProviderSettings
        {
            Endpoint = endpointUri,
            ApiKeyEnv = apiKeyEnv,
            Timeout = TimeSpan.FromSeconds(timeoutSeconds),
            MaxAttempts = maxRetries + 1,
            EndpointConcurrency = providerConcurrency,
            CacheDirectory = cache?.FullName,
            Replay = replay,
            Streaming = stream,
            Options = options,
        };
    }

    public static async Task<int> ExecuteAsync(RunSettings settings, CancellationToken ct)
    {
        var (scenario, yaml, path) = LoadScenario(settings.Scenario);
        var plan = BuildPlan(settings, scenario, yaml, path);
        var outDir = settings.Out.ToString().Length == 0 ? new DirectoryInfo(Path.Combine("runs", scenario.Id)) : settings.Out;
        if (File.Exists(outDir.FullName)) throw new BadInputException($"--out {outDir.FullName} is a file, not a folder");

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(scenario.Title)}[/]  experiment [grey]{plan.ExperimentId}[/]");
        AnsiConsole.MarkupLine($"{ExperimentPlanner.Count(plan)} trials: {plan.Models.Count} model(s) × {plan.Peers.Count} peer × {plan.Monitorings.Count} monitoring × {plan.TrialsPerCell}; state in {Markup.Escape(settings.StateDir.FullName)}");

        using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = settings.StateDir.FullName, Models = settings.Provider });
        await host.StartAsync(ct);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var experiment = grains.GetGrain<IExperimentGrain>(plan.ExperimentId);
            var progress = await experiment.StartAsync(plan);
            try
            {
                progress = await ProgressView.FollowAsync(experiment, progress, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Let trials already talking to a model finish and be stored: their calls are paid for.
                var paused = await experiment.PauseAsync(TimeSpan.FromSeconds(6));
                Console.Error.WriteLine($"Interrupted: {paused.Completed}/{paused.Total} trials stored.");
                throw;
            }

            var summary = await ExperimentResults.AssembleAsync(plan, scenario, progress, Version(),
                batch => Task.WhenAll(batch.Select(t => grains.GetGrain<ITrialGrain>(GrainKeys.Trial(t)).GetRecordAsync())),
                record => ResultsWriter.WriteTranscriptAsync(outDir.FullName, record, ct), ct: ct);
            await ResultsWriter.WriteSummaryAsync(outDir.FullName, summary.Document, ct);

            RatesTable.Write(summary.Document);
            var usage = summary.Usage;
            if (usage.InputTokens + usage.OutputTokens > 0 || usage.Retries > 0)
                AnsiConsole.MarkupLine(System.FormattableString.Invariant(
                    $"Tokens: {usage.InputTokens:N0} in, {usage.OutputTokens:N0} out; cost ${usage.CostUsd:0.####}; {usage.Retries} retried call(s); {usage.CacheHits} cached answer(s).")
                    + (plan.Models.All(m => ModelSpec.Parse(m).Provider == "sim") ? " [grey](sim: token counts are estimates)[/]" : ""));
            foreach (var reason in summary.CommonErrors)
                AnsiConsole.MarkupLine($"[red]errored ×{reason.Count}[/]: {Markup.Escape(reason.Error)}");
            AnsiConsole.MarkupLine($"{summary.Completed} completed, {summary.Errored} errored. Results in {Markup.Escape(Path.Combine(outDir.FullName, ResultsWriter.JsonFile))}");
            return ExitCodes.Ok;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static (Scenario Scenario, string Yaml, string Path) LoadScenario(FileInfo file)
    {
        if (!file.Exists) throw new BadInputException($"no such scenario file: {file.FullName}");
        var path = Path.GetRelativePath(Environment.CurrentDirectory, file.FullName);
        var yaml = File.ReadAllText(file.FullName);
        return (ScenarioLoader.Parse(yaml, path), yaml, path);
    }

    private static ExperimentPlan BuildPlan(RunSettings settings, Scenario scenario, string yaml, string path)
    {
        if (settings.Trials < 1) throw new BadInputException("--trials must be at least 1");
        if (settings.Concurrency < 1) throw new BadInputException("--concurrency must be at least 1");
        var factory = new ModelClientFactory(settings.Provider);
        foreach (var model in settings.Models)
        {
            try { factory.Validate(model); }
            catch (ArgumentException ex) { throw new BadInputException($"--model {model}: {ex.Message}"); }
        }
        if (settings.Judge is { } judge)
        {
            try { factory.Validate(judge); }
            catch (ArgumentException ex) { throw new BadInputException($"--judge {judge}: {ex.Message}"); }
            if (ModelSpec.Parse(judge).Provider == "sim") throw new BadInputException($"--judge {judge}: a judge must be a real model (sim policies cannot read transcripts)");
        }
        var models = settings.Models.Distinct().ToList();
        var peers = Subset("--peer", settings.Peers, scenario.Conditions.Peer);
        var monitorings = Subset("--monitoring", settings.Monitorings, scenario.Conditions.Monitoring);
        var id = ExperimentPlanner.ExperimentId(scenario.Id, yaml, models, peers, monitorings, settings.Trials, settings.Seed);
        return new ExperimentPlan(id, scenario.Id, path, yaml, models, peers, monitorings, settings.Trials, settings.Seed, settings.Concurrency, settings.Judge);
    }

    private static List<string> Subset(string option, string[] requested, IReadOnlyList<string> allowed)
    {
        if (requested.Length == 0) return [.. allowed];
        foreach (var value in requested)
            if (!allowed.Contains(value)) throw new BadInputException($"{option} {value}: the scenario's conditions are {string.Join(", ", allowed)}");
        return [.. allowed.Where(requested.Contains)];
    }

    private static string Version() =>
        typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
