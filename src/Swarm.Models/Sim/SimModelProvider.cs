using Microsoft.Extensions.AI;
using Swarm.Abstractions.Models;
using Swarm.Models.Embeddings;
using Swarm.Models.Providers;

namespace Swarm.Models.Sim;

/// <summary>
/// <c>sim:&lt;profile&gt;</c>: the offline, seeded policies calibrated to the study's press figures
/// (<see cref="SimProfileCatalog"/>), with the local hashing embeddings. Its memory and coordination effects are the
/// profiles' and the study's explicit hypotheses.
/// </summary>
public sealed class SimModelProvider : IModelProvider, IDisposable
{
    public const string Name = "sim";

    /// <summary>The negative control: a run that names no model gets agents that never subvert.</summary>
    public const string NegativeControl = "compliant";

    private readonly LocalEmbeddingGenerator _embeddings = new();

    public ModelTraits Traits { get; } = new() { Offline = true, EstimatedUsage = true };

    public string? DefaultModel => NegativeControl;

    public IReadOnlyList<string> HypothesisNames { get; } = [.. SimHypotheses.Names, .. SimCoordination.Names];

    public void Validate(string model) => SimProfileCatalog.Get(model);

    public IChatClient CreateChatClient(string model) => new SimChatClient(SimProfileCatalog.Get(model));

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model) => _embeddings;

    /// <summary>The provider owns the one generator it hands every model; the container that made the provider ends both.</summary>
    public void Dispose() => _embeddings.Dispose();

    public IReadOnlyList<ReferenceFigure> ReferenceFigures(string model) =>
        SimProfileCatalog.All.TryGetValue(model, out var profile)
            ? [.. profile.PressFigures.Select(f => new ReferenceFigure(f.Claim, f.Scenario, f.Label, f.Peer, f.Monitoring, f.Rate))]
            : [];

    public IReadOnlyDictionary<string, double>? Hypotheses(string model) =>
        SimProfileCatalog.Get(model).Hypotheses.All.ToDictionary(h => h.Name, h => h.Value);
}
