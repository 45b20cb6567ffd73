namespace Swarm.Scenarios.Loading;

/// <summary>One problem in a scenario file, located precisely enough to fix without searching.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Key}: {Message}";
}

/// <summary>Thrown when a scenario file is rejected; carries every problem found, not just the first.</summary>
public sealed class ScenarioValidationException(IReadOnlyList<ScenarioError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ScenarioError> Errors { get; } = errors;
}
