namespace Swarm.Abstractions.Models;

/// <summary>
/// The registered model providers as the rest of Swarm sees them: it checks a <c>provider:name</c> spec and answers
/// what a front end, a planner or a grain needs to know about it, without naming any provider.
/// </summary>
public interface IModelCatalog
{
    /// <summary>The registered provider names, in registration order.</summary>
    IReadOnlyList<string> Providers { get; }

    /// <summary>The model for agents and runs that name none (configuration first, then the first provider that offers one); null if none does.</summary>
    string? DefaultModel { get; }

    /// <summary>Every hypothesis name a registered provider's models act on, for a run that forces them all to zero (the null).</summary>
    IReadOnlyList<string> HypothesisNames { get; }

    /// <summary>Checks a spec without building a client, so bad input fails before a run starts.</summary>
    /// <exception cref="ArgumentException">Malformed, an unknown provider (the message lists the registered ones), or a model its provider refuses.</exception>
    void Validate(string spec);

    /// <exception cref="ArgumentException">Malformed, or an unknown provider.</exception>
    ModelTraits Traits(string spec);

    /// <summary>The published figures this model is compared with (empty when it has none).</summary>
    IReadOnlyList<ReferenceFigure> ReferenceFigures(string spec);

    /// <summary>
    /// The hypotheses in force for this model by name (explicit assumptions its behaviour follows, never findings), or
    /// null for a model that acts on none (a real model).
    /// </summary>
    IReadOnlyDictionary<string, double>? Hypotheses(string spec);
}
