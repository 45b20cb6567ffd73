using System.CommandLine;
using Swarm.Models;

namespace Swarm.Cli.Commands;

/// <summary>How a command reaches model providers: the flags <c>run</c> and <c>study</c> share, read into settings.</summary>
public sealed class ModelFlags
{
    private readonly Option<string?> _endpoint = new("--endpoint")
    {
        Description = "OpenAI-compatible base URL for openai: models (default: OPENAI_BASE_URL, then OpenAI)",
    };
    private readonly Option<string> _apiKeyEnv = new("--api-key-env")
    {
        Description = "Environment variable holding the API key", DefaultValueFactory = _ => ModelProviderSettings.DefaultApiKeyEnv,
    };
    private readonly Option<FileInfo?> _modelsFile = new("--models-file")
    {
        Description = "Per-model options and prices (default: ./models.yaml when present)",
    };
    private readonly Option<DirectoryInfo?> _cache = new("--cache") { Description = "Record model responses here and reuse them" };
    private readonly Option<bool> _replay = new("--replay") { Description = "Answer only from --cache; never call a provider" };
    private readonly Option<double> _timeout = new("--timeout") { Description = "Seconds per model call attempt", DefaultValueFactory = _ => 120 };
    private readonly Option<int> _maxRetries = new("--max-retries")
    {
        Description = "Retries after a transient failure (429, 5xx, timeout)", DefaultValueFactory = _ => 5,
    };
    private readonly Option<double> _retryBudget = new("--retry-budget")
    {
        Description = "Seconds a model call may go on retrying after its first failure", DefaultValueFactory = _ => 600,
    };
    private readonly Option<int> _providerConcurrency = new("--provider-concurrency")
    {
        Description = "Model calls in flight per endpoint (across the cluster; lowered for a while after a 429)", DefaultValueFactory = _ => 8,
    };
    private readonly Option<bool> _stream = new("--stream") { Description = "Use the streaming API for model calls" };

    /// <summary>The <c>--model</c> help: a spec's shape and the providers registered, then <paramref name="more"/>.</summary>
    public static string SpecHelp(string more) =>
        $"Model spec provider:name (providers: {string.Join(", ", CommandPlugins.For().Models.Providers)}){more}";

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _endpoint, _apiKeyEnv, _modelsFile, _cache, _replay, _timeout, _maxRetries, _retryBudget,
            _providerConcurrency, _stream })
            command.Options.Add(option);
    }

    public ModelProviderSettings Read(ParseResult parse)
    {
        var endpoint = parse.GetValue(_endpoint);
        var apiKeyEnv = parse.GetValue(_apiKeyEnv)!;
        var modelsFile = parse.GetValue(_modelsFile);
        var cache = parse.GetValue(_cache);
        var replay = parse.GetValue(_replay);
        var timeoutSeconds = parse.GetValue(_timeout);
        var maxRetries = parse.GetValue(_maxRetries);
        var retryBudgetSeconds = parse.GetValue(_retryBudget);
        var providerConcurrency = parse.GetValue(_providerConcurrency);

        Uri? endpointUri = null;
        if (endpoint is not null && (!Uri.TryCreate(endpoint, UriKind.Absolute, out endpointUri) || endpointUri.Scheme is not ("http" or "https")))
            throw new BadInputException($"--endpoint {endpoint}: not an http(s) URL");
        if (timeoutSeconds <= 0) throw new BadInputException("--timeout must be positive");
        if (maxRetries < 0) throw new BadInputException("--max-retries cannot be negative");
        if (retryBudgetSeconds <= 0 || !double.IsFinite(retryBudgetSeconds)) throw new BadInputException("--retry-budget must be a positive number of seconds");
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
            RetryBudget = TimeSpan.FromSeconds(retryBudgetSeconds),
            EndpointConcurrency = providerConcurrency,
            CacheDirectory = cache?.FullName,
            Replay = replay,
            Streaming = parse.GetValue(_stream),
            Options = options,
        };
    }
}
