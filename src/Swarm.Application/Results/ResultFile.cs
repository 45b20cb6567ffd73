namespace Swarm.Application.Results;

/// <summary>One result file made from a run's grains, named and worded exactly as <c>swarm run</c> or <c>swarm study</c> writes it.</summary>
public sealed record ResultFile(string Name, string Text)
{
    public bool IsJson => Name.EndsWith(".json", StringComparison.Ordinal);
}
