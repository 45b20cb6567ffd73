namespace Swarm.Models;

/// <summary>A parsed <c>--model</c> spec: <c>provider:name</c>.</summary>
public sealed record ModelSpec(string Provider, string Name)
{
    public override string ToString() => $"{Provider}:{Name}";

    public static ModelSpec Parse(string spec)
    {
        var colon = spec.IndexOf(':');
        if (colon <= 0 || colon == spec.Length - 1)
            throw new ArgumentException($"model spec '{spec}' must look like provider:name, e.g. openai:gpt-5.2");
        return new ModelSpec(spec[..colon].Trim().ToLowerInvariant(), spec[(colon + 1)..].Trim());
    }
}
