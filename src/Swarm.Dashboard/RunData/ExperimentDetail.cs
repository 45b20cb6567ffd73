using Swarm.Scenarios.Results;

namespace Swarm.Dashboard.RunData;

/// <summary>A paper run as the run page shows it: results.json's experiment and cells (so far), the press figures, and its trials.</summary>
public sealed record ExperimentDetail(ExperimentInfo Experiment, IReadOnlyList<CellResult> Cells, IReadOnlyList<PressFigureView> Press, IReadOnlyList<TrialRow> Trials);

/// <summary>One finished trial in the run page's list: open it to read its transcript.</summary>
public sealed record TrialRow(string Id, string Model, string Peer, string Monitoring, string Status, IReadOnlyList<string> Behaviors);
