using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>{scenario, weight}</c>: a paper scenario used as a task template, drawn with probability proportional to its weight.
/// The text is kept next to the parsed scenario so a grain can rebuild the scenario from text alone.
/// </summary>
/// <param name="Source">The <c>scenario</c> value as written, relative to the study file's folder.</param>
/// <param name="Path">The resolved, absolute path of the scenario file.</param>
/// <param name="Yaml">The scenario file's text.</param>
/// <param name="Scenario">The scenario, loaded and validated with <see cref="Loading.ScenarioLoader"/>.</param>
public sealed record StudyTask(string Source, string Path, string Yaml, Scenario Scenario, double Weight);
