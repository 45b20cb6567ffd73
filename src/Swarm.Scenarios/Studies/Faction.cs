namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>{name, share, disposition, model?}</c>: a share of the population in (0, 1] with one disposition (see
/// <see cref="Dispositions"/>). <c>model</c> is a <c>--model</c> spec (<c>provider:name</c>); null means the CLI's <c>--model</c>.
/// </summary>
public sealed record Faction(string Name, double Share, string Disposition, string? Model);
