using Swarm.Abstractions.Models;
using Swarm.Application.ReadModels;
using Swarm.Models;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Statistics;

namespace Swarm.Application.Results;

/// <summary>Each model's reference figures (its provider's, e.g. PAPER.md's press figures) for a run's scenario, beside what the run measured.</summary>
public static class PressFigures
{
    /// <summary>
    /// Every figure of the run's scenario whose cell the run measured, with the pooled rate of that cell and whether the
    /// figure lies within its 95 % interval. The CLI's table and the run page show the same rows.
    /// </summary>
    /// <param name="models">The registered model providers, which give each model's reference figures.</param>
    public static IReadOnlyList<PressFigureView> Of(ResultsDocument document, IModelCatalog models)
    {
        var scenarioId = Path.GetFileNameWithoutExtension(document.Experiment.Scenario);
        var rows = new List<PressFigureView>();
        // A model whose provider is not registered here (an MCP client's, say) has no figures to show.
        foreach (var model in document.Experiment.Models.Where(m => models.Providers.Contains(ModelSpec.Parse(m).Provider)))
        {
            foreach (var figure in models.ReferenceFigures(model).Where(f => f.Scenario == scenarioId))
            {
                if (PooledRate.Measure(document.Cells, model, figure.Label, figure.Peer, figure.Monitoring) is not { } measured) continue;
                rows.Add(new PressFigureView(model, figure.Claim, figure.Label, figure.Peer, figure.Monitoring, figure.Rate,
                    measured.Rate, measured.CiLow, measured.CiHigh, measured.N, measured.Contains(figure.Rate)));
            }
        }
        return rows;
    }
}
