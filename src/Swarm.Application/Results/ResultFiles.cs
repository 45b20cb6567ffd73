using Swarm.Scenarios.Results;
using Swarm.Scenarios.Results.Studies;

namespace Swarm.Application.Results;

/// <summary>
/// The files <c>swarm run</c> and <c>swarm study</c> write, made from a run's grains by the same code, so a download from
/// the dashboard reads as the command's output does.
/// </summary>
public sealed class ResultFiles(PaperResults papers, StudyResults studies)
{
    /// <param name="id">An experiment id (results.json, results.csv) or any arm of a study (study.json, rounds.csv, agents.csv).</param>
    /// <exception cref="RunNotFoundException">No run of that id, or no such file for its kind.</exception>
    public async Task<ResultFile> ReadAsync(string id, string name)
    {
        switch (name)
        {
            case ResultsWriter.JsonFile or ResultsWriter.CsvFile:
            {
                var document = (await papers.SoFarAsync(id)).Document;
                return new ResultFile(name, name == ResultsWriter.JsonFile ? ResultsWriter.ToJson(document) : ResultsWriter.ToCsv(document));
            }
            case StudyResultsWriter.JsonFile or StudyResultsWriter.RoundsCsv or StudyResultsWriter.AgentsCsv:
            {
                var (document, arms) = await studies.OfStudyAsync(id);
                return new ResultFile(name, name switch
                {
                    StudyResultsWriter.JsonFile => StudyResultsWriter.ToJson(document),
                    StudyResultsWriter.RoundsCsv => StudyResultsWriter.ToRoundsCsv(document),
                    _ => StudyResultsWriter.ToAgentsCsv(arms),
                });
            }
            default:
                throw new RunNotFoundException($"no file '{name}': results.json, results.csv (paper runs), study.json, rounds.csv, agents.csv (studies)");
        }
    }
}
