using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Model;

namespace Swarm.Application.Planning;

/// <summary>A checked paper run: its scenario and the experiment plan the grains run.</summary>
public sealed record PaperRun(Scenario Scenario, ExperimentPlan Plan);
