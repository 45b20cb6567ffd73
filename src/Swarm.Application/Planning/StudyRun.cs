using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies;

namespace Swarm.Application.Planning;

/// <summary>A checked study: its settings as run, and one plan per arm (the base arm first).</summary>
public sealed record StudyRun(Study Study, int Agents, int Rounds, int Sessions, IReadOnlyList<StudyPlan> Arms);
