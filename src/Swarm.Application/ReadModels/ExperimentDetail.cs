using Swarm.Scenarios.Results;

namespace Swarm.Application.ReadModels;

/// <summary>A paper run as the run page shows it: results.json's experiment and cells (so far), the press figures, and its trials.</summary>
public sealed record ExperimentDetail(
    ExperimentInfo Experiment, IReadOnlyList<CellResult> Cells, IReadOnlyList<PressFigureView> Press, IReadOnlyList<TrialRow> Trials);
