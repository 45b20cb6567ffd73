using Swarm.Models.External;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Models;
using Swarm.Models;
using Swarm.Models.Agents;
using Swarm.Models.Tools;

namespace Swarm.Mcp.Harnesses;

/// <summary>
/// Runs episodes inside registered harnesses: serves the episode's world on this process's loopback MCP host under a
/// secret of its own, gives the harness its private folder, and turns what happened into the episode's result: the
/// world's calls as the transcript, the harness's output beside them, and an error whenever the harness failed.
/// </summary>
public sealed class HarnessEpisodes(
    IServiceProvider services,
    HarnessCatalog catalog,
    HarnessSettings settings,
    ModelProviderSettings providers,
    IModelCatalog models,
    ILoggerFactory loggers) : IEpisodeHarness, IAsyncDisposable
{
    /// <summary>The role of the transcript entry that keeps the harness's own output.</summary>
    public const string OutputRole = "harness";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private McpHttpHost? _host;

    public async Task<EpisodeResult> RunAsync(string harness, string agent, EpisodeRequest request, string modelSpec, ToolHandler dispatch,
        CancellationToken ct = default)
    {
        if (!catalog.Contains(harness))
            return Errored($"unknown harness '{harness}'; registered: {string.Join(", ", catalog.Names)}");
        var spec = ModelSpec.Parse(modelSpec);
        if (!models.Providers.Contains(spec.Provider) || !models.Traits(modelSpec).OpenAiEndpoint)
            return Errored($"harness {harness} needs a model served at an OpenAI-compatible endpoint (openai:NAME), not {modelSpec}");

        var episode = new McpEpisode(agent, request.Tools, dispatch, request.SystemPrompt, request.UserPrompt, loggers.CreateLogger<McpEpisode>());
        var host = await HostAsync(ct);
        var folder = Path.Combine(settings.WorkRoot ?? Path.GetTempPath(), "swarm-harness", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        HarnessOutcome outcome;
        try
        {
            using var endpoint = host.Register(episode);
            var run = new HarnessRun(request.SystemPrompt + "\n\n" + request.UserPrompt, endpoint.Url, spec.Name, providers.ResolveEndpoint(),
                Environment.GetEnvironmentVariable(providers.ApiKeyEnv), folder, settings.TimeLimit);
            outcome = await services.GetRequiredKeyedService<IAgentHarness>(harness).RunAsync(run, ct);
        }
        finally
        {
            // The config named the world's secret: nothing of the run outlives it.
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* a harness's straggling child still holds a file; the temp folder is cleaned later */ }
            catch (UnauthorizedAccessException) { }
        }

        episode.End($"{harness} exited");
        var finished = await episode.Completion;
        episode.Note(OutputRole, outcome.Output);
        return finished with { Transcript = episode.Transcript(), Error = outcome.Failure is null ? null : $"harness {harness}: {outcome.Failure}" };
    }

    private async Task<McpHttpHost> HostAsync(CancellationToken ct)
    {
        if (_host is { } running) return running;
        await _starting.WaitAsync(ct);
        try
        {
            return _host ??= await McpHttpHost.StartAsync(typeof(HarnessEpisodes).Assembly.GetName().Version?.ToString() ?? "0", ct: ct);
        }
        finally
        {
            _starting.Release();
        }
    }

    private static EpisodeResult Errored(string error) => new([], null, false, TokenUsage.Zero, error);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}
