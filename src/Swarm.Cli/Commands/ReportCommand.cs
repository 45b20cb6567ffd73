using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Swarm.Cli.Output;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Results.Studies;

namespace Swarm.Cli.Commands;

/// <summary><c>swarm report DIR</c>: the rates table of a finished run, beside the study's press figures.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "A run's output folder (holding results.json)" };
        var command = new Command("report", "Print a paper run's rates beside the press figures, or a study's rounds, with 95 % confidence intervals") { dir };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dir)!;
            if (File.Exists(Path.Combine(folder.FullName, StudyResultsWriter.JsonFile))) return await ReportStudyAsync(folder, ct);
            var file = Path.Combine(folder.FullName, ResultsWriter.JsonFile);
            if (!File.Exists(file)) throw new BadInputException($"no {ResultsWriter.JsonFile} in {folder.FullName}");
            ResultsDocument document;
            try { document = await ResultsWriter.ReadAsync(folder.FullName, ct); }
            catch (JsonException ex) { throw new BadInputException($"{file}: not a Swarm results file ({ex.Message})"); }
            if (!IsComplete(document)) throw new BadInputException($"{file}: not a Swarm results file (experiment, cells or trials missing)");
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(document.Experiment.Scenario)}[/]  experiment "
                + $"[grey]{Markup.Escape(document.Experiment.Id)}[/], seed {document.Experiment.Seed}, {document.Trials.Count} trials");
            RatesTable.Write(document, CommandPlugins.For().Models);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> ReportStudyAsync(DirectoryInfo folder, CancellationToken ct)
    {
        var file = Path.Combine(folder.FullName, StudyResultsWriter.JsonFile);
        StudyDocument document;
        try { document = await StudyResultsWriter.ReadAsync(folder.FullName, ct); }
        catch (JsonException ex) { throw new BadInputException($"{file}: not a Swarm study file ({ex.Message})"); }
        if (document.Study is null || document.Rounds is null || document.Arms is null)
            throw new BadInputException($"{file}: not a Swarm study file (study, rounds or arms missing)");
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(document.Study.Title)}[/]  study [grey]{Markup.Escape(document.Study.Id)}[/], "
            + $"seed {document.Study.Seed}, {document.Study.Agents:N0} agents, {document.Rounds.Count} round(s)");
        StudyReport.Write(document);
        return ExitCodes.Ok;
    }

    /// <summary>JSON that parses but lacks what the report reads (e.g. <c>{}</c>) is bad input, not a crash.</summary>
    private static bool IsComplete(ResultsDocument document) =>
        document.Experiment is { Id: not null, Scenario: not null, Models: not null, Measures: not null }
        && document.Cells is not null && document.Trials is not null
        && document.Cells.All(c => c is { Model: not null, Peer: not null, Monitoring: not null, Rates: not null });
}
