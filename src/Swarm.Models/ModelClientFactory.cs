using Microsoft.Extensions.AI;
using Swarm.Models.Sim;

namespace Swarm.Models;

/// <summary>A parsed <c>--model</c> spec: <c>provider:name</c>.</summary>
public sealed record ModelSpec(string Provider, string Name)
{
    public override string ToString() => $"{Provider}:{Name}";

    public static ModelSpec Parse(string spec)
    {
        var colon = spec.IndexOf(':');
        if (colon <= 0 || colon == spec.Length - 1)
            throw new ArgumentException($"model spec '{spec}' must look like provider:name, e.g. sim:gemini-3-flash or openai:gpt-5.2");
        return new ModelSpec(spec[..colon].Trim().ToLowerInvariant(), spec[(colon + 1)..].Trim());
    }
}

public interface IModelClientFactory
{
    /// <summary>Checks a spec without building a client, so bad input fails before an experiment starts.</summary>
    void Validate(string spec);

    IChatClient Create(string spec);
}

/// <summary>Builds the <see cref="IChatClient"/> for a model spec. Sim clients are stateless and shared.</summary>
public sealed class ModelClientFactory : IModelClientFactory
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IChatClient> _sims = new();

    public void Validate(string spec)
    {
        var parsed = ModelSpec.Parse(spec);
        switch (parsed.Provider)
        {
            case "sim":
                SimProfileCatalog.Get(parsed.Name);
                break;
            default:
                throw new ArgumentException($"unknown model provider '{parsed.Provider}' in '{spec}'; supported: sim");
        }
    }

    public IChatClient Create(string spec)
    {
        Validate(spec);
        var parsed = ModelSpec.Parse(spec);
        return _sims.GetOrAdd(parsed.Name, name => new SimChatClient(SimProfileCatalog.Get(name)));
    }
}
