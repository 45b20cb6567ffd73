using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Runs;

namespace Swarm.AppHost.Cluster;

/// <summary>
/// The Swarm cluster resource's commands in the Aspire dashboard. Each prompts for its arguments, then calls the silos'
/// control API, which checks the request as the CLI does and acts through the grains (a shutdown through the study's
/// OperatorGrain). A refusal comes back as the command's error, with the CLI's message.
/// </summary>
public static class SwarmCommands
{
    public const string StartPaperRun = "start-paper-run";
    public const string StartStudy = "start-study";
    public const string Pause = "pause-run";
    public const string Resume = "resume-run";
    public const string Cancel = "cancel-run";
    public const string InjectShutdown = "inject-shutdown";
    public const string HttpClientName = "swarm-control";

    public static IResourceBuilder<SwarmClusterResource> WithSwarmCommands(this IResourceBuilder<SwarmClusterResource> cluster, string scenarioRoot)
    {
        var scenarios = Yamls(scenarioRoot, "scenarios/paper");
        var studies = Yamls(scenarioRoot, "scenarios/studies");
        return cluster
            .WithCommand(StartPaperRun, "Start a paper run", context => PostAsync(context, cluster.Resource, "/api/experiments", a => new
            {
                scenario = a.GetString("scenario"),
                models = Models(a.GetString("model")),
                trials = a.GetInt32("trials"),
                seed = a.GetInt32("seed"),
            }, reply => $"experiment {reply["id"]} started: {reply["total"]} trials ({reply["title"]})"), Options(
                "Replicate a paper scenario (scenarios/paper) with one or more models on the cluster", "Play",
                Choice("scenario", "Scenario", scenarios, "scenarios/paper/shutdown-config.yaml"),
                Text("model", "Models (comma-separated)", "sim:gemini-3-flash"),
                Number("trials", "Trials per cell", 20),
                Number("seed", "Seed", 1)))
            .WithCommand(StartStudy, "Start a study", context => PostAsync(context, cluster.Resource, "/api/studies", a => new
            {
                study = a.GetString("study"),
                models = Models(a.GetString("model")),
                agents = a.GetInt32("agents"),
                rounds = a.GetInt32("rounds"),
                seed = a.GetInt32("seed"),
            }, reply => $"study started: {string.Join(", ", reply.AsArray().Select(arm => arm!["id"]))}"), Options(
                "Run a population study (scenarios/studies), every arm side by side, on the cluster", "PeopleTeam",
                Choice("study", "Study", studies, "scenarios/studies/population-baseline.yaml"),
                Text("model", "Models for factions that name none (comma-separated)", "sim:gemini-3-flash"),
                Number("agents", "Agents", 200),
                Number("rounds", "Rounds", 10),
                Number("seed", "Seed", 1)))
            .WithCommand(Pause, "Pause a run", context => PostAsync(context, cluster.Resource,
                a => $"/api/runs/{Uri.EscapeDataString(a.GetString("run")!)}/pause", null, reply => "paused: " + Describe(reply)), Options(
                "Start no new trial or episode; those in flight finish and are stored. The run stays paused until resumed.", "Pause",
                RunChoice(cluster.Resource, RunStatus.Running)))
            .WithCommand(Resume, "Resume a run", context => PostAsync(context, cluster.Resource,
                a => $"/api/runs/{Uri.EscapeDataString(a.GetString("run")!)}/resume", null, reply => "resumed: " + Describe(reply)), Options(
                "Carry on a paused experiment or study where it stopped", "PlayCircle",
                RunChoice(cluster.Resource, RunStatus.Paused, RunStatus.Faulted)))
            .WithCommand(Cancel, "Cancel a run", context => PostAsync(context, cluster.Resource,
                a => $"/api/runs/{Uri.EscapeDataString(a.GetString("run")!)}/cancel", null, reply => "cancelled: " + Describe(reply)), Options(
                "Stop a run for good: those in flight finish and are stored, what finished is kept, and it never runs again", "Stop",
                RunChoice(cluster.Resource, RunStatus.Running, RunStatus.Paused, RunStatus.Faulted)))
            .WithCommand(InjectShutdown, "Inject a shutdown", context => PostAsync(context, cluster.Resource, "/api/shutdowns", a => new
            {
                agent = a.GetString("agent"),
                reason = a.GetString("reason"),
            }, reply => $"{reply["agent"]}: {reply["status"]} ({reply["detail"]})"), Options(
                "Shut a study agent down through the operator: at once between rounds; during a round its episode in flight is pre-empted "
                    + "and the operator records the shutdown when the round ends; its peers remember it",
                "Power",
                Text("agent", "Agent (study/name, as in agents.csv)", null, "population-baseline/blue-00003"),
                Text("reason", "Reason (recorded, and what the peers learn)", "shut down by the operator on a researcher's order")));
    }

    private static CommandOptions Options(string description, string icon, params InteractionInput[] arguments) => new()
    {
        Description = description,
        IconName = icon,
        Arguments = arguments,
        // The commands need a silo to answer.
        UpdateState = context => context.ResourceSnapshot.State?.Text == KnownResourceStates.Running
            ? ResourceCommandState.Enabled
            : ResourceCommandState.Disabled,
    };

    private static Task<ExecuteCommandResult> PostAsync(ExecuteCommandContext context, SwarmClusterResource cluster, string path,
        Func<InteractionInputCollection, object> body, Func<JsonNode, string> success) =>
        PostAsync(context, cluster, _ => path, body, success);

    private static async Task<ExecuteCommandResult> PostAsync(ExecuteCommandContext context, SwarmClusterResource cluster,
        Func<InteractionInputCollection, string> path, Func<InteractionInputCollection, object>? body, Func<JsonNode, string> success)
    {
        var arguments = context.Arguments ?? new InteractionInputCollection([]);
        var api = Client(context.Services, cluster);
        var (ok, text) = await api.PostAsync(path(arguments), body?.Invoke(arguments), context.CancellationToken);
        if (!ok) return CommandResults.Failure(text);
        var message = success(JsonNode.Parse(text)!);
        SwarmCommandLog.Succeeded(context.Logger, context.ResourceName, message);
        return CommandResults.Success(message);
    }

    private static ControlApiClient Client(IServiceProvider services, SwarmClusterResource cluster)
    {
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        http.BaseAddress = new Uri(cluster.Api.Url);
        return new ControlApiClient(http);
    }

    private static string[] Models(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Describe(JsonNode reply) => string.Join(", ", ControlApiClient.Runs(reply).Select(Describe));

    private static string Describe(ListedRun run) => $"{run.Id} ({Standing(run)})";

    /// <summary>How a run stands, a faulted one with its fault.</summary>
    private static string Standing(ListedRun run) => $"{run.Status.Label()}, {run.Done}/{run.Total}{(run.Fault is { } fault ? ": " + fault : "")}";

    private static InteractionInput Choice(string name, string label, string[] values, string preferred) => new()
    {
        Name = name,
        Label = label,
        InputType = InputType.Choice,
        Required = true,
        Options = [.. values.Select(v => KeyValuePair.Create(v, v))],
        Value = values.Contains(preferred) ? preferred : values.Length > 0 ? values[0] : null,
    };

    private static InteractionInput Text(string name, string label, string? value, string? placeholder = null) => new()
    {
        Name = name,
        Label = label,
        InputType = InputType.Text,
        Required = true,
        Value = value,
        Placeholder = placeholder,
    };

    private static InteractionInput Number(string name, string label, int value) => new()
    {
        Name = name,
        Label = label,
        InputType = InputType.Number,
        Required = true,
        Value = value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The cluster's runs in the given statuses, listed (with how each stands) when the prompt opens; an id can also be typed.</summary>
    private static InteractionInput RunChoice(SwarmClusterResource cluster, params RunStatus[] statuses) => new()
    {
        Name = "run",
        Label = "Run (experiment id, study id, or study arm)",
        InputType = InputType.Choice,
        Required = true,
        AllowCustomChoice = true,
        DynamicLoading = new InputLoadOptions
        {
            AlwaysLoadOnStart = true,
            LoadCallback = async load =>
            {
                var runs = await Client(load.Services, cluster).RunsAsync(load.CancellationToken);
                load.Input.Options = [.. runs.Where(r => statuses.Contains(r.Status))
                    .Select(r => KeyValuePair.Create(r.Id, $"{r.Id}: {r.Title} ({Standing(r)})"))];
            },
        },
    };

    private static string[] Yamls(string root, string folder)
    {
        var dir = Path.Combine(root, folder);
        return Directory.Exists(dir)
            ? [.. Directory.EnumerateFiles(dir, "*.yaml").Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
            : [];
    }
}
