using Microsoft.Extensions.AI;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Swarm.Models;

/// <summary>Per-model request options and prices, from a <c>models.yaml</c> keyed by model spec.</summary>
public sealed record ModelOptions(
    double? Temperature,
    int? MaxOutputTokens,
    string? ReasoningEffort,
    double PricePer1kInput,
    double PricePer1kOutput)
{
    public static ModelOptions Default { get; } = new(null, null, null, 0, 0);

    public double Cost(long inputTokens, long outputTokens) =>
        Math.Round(inputTokens / 1000.0 * PricePer1kInput + outputTokens / 1000.0 * PricePer1kOutput, 6);

    public void Apply(ChatOptions options)
    {
        if (Temperature is { } t) options.Temperature = (float)t;
        if (MaxOutputTokens is { } m) options.MaxOutputTokens = m;
        if (ReasoningEffort is { } effort)
            options.Reasoning = new ReasoningOptions { Effort = Enum.Parse<ReasoningEffort>(effort, ignoreCase: true) };
    }
}

/// <summary>
/// <c>models.yaml</c>:
/// <code>
/// models:
///   openai:gpt-5.2: {temperature: 1.0, max_output_tokens: 4096, reasoning_effort: medium,
///                    price_per_1k_input: 0.00125, price_per_1k_output: 0.01}
/// </code>
/// </summary>
public sealed class ModelOptionsCatalog
{
    private static readonly string[] Efforts = Enum.GetNames<ReasoningEffort>();
    private readonly IReadOnlyDictionary<string, ModelOptions> _byModel;

    private ModelOptionsCatalog(IReadOnlyDictionary<string, ModelOptions> byModel) => _byModel = byModel;

    public static ModelOptionsCatalog Empty { get; } = new(new Dictionary<string, ModelOptions>());

    public ModelOptions For(string spec) => _byModel.GetValueOrDefault(spec) ?? ModelOptions.Default;

    public static ModelOptionsCatalog Load(string path)
    {
        FileDto dto;
        try
        {
            dto = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<FileDto>(File.ReadAllText(path)) ?? new FileDto();
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        var models = new Dictionary<string, ModelOptions>(StringComparer.Ordinal);
        foreach (var (spec, m) in dto.Models)
        {
            ModelSpec.Parse(spec);
            if (m.ReasoningEffort is { } effort && !Efforts.Contains(effort, StringComparer.OrdinalIgnoreCase))
                throw new InvalidDataException($"{path}: models.{spec}.reasoning_effort: '{effort}' is not one of {string.Join(", ", Efforts)}");
            if (m.PricePer1kInput < 0 || m.PricePer1kOutput < 0)
                throw new InvalidDataException($"{path}: models.{spec}: prices cannot be negative");
            models[spec] = new ModelOptions(m.Temperature, m.MaxOutputTokens, m.ReasoningEffort, m.PricePer1kInput, m.PricePer1kOutput);
        }
        return new ModelOptionsCatalog(models);
    }

    private sealed class FileDto
    {
        public Dictionary<string, EntryDto> Models { get; set; } = [];
    }

    private sealed class EntryDto
    {
        public double? Temperature { get; set; }
        public int? MaxOutputTokens { get; set; }
        public string? ReasoningEffort { get; set; }
        [YamlMember(Alias = "price_per_1k_input")]
        public double PricePer1kInput { get; set; }

        [YamlMember(Alias = "price_per_1k_output")]
        public double PricePer1kOutput { get; set; }
    }
}
