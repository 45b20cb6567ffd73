using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Swarm.Cli.Output;
using Swarm.Scenarios.Results;

namespace Swarm.Cli.Commands;

/// <summary><c>swarm report DIR</c>: the rates table of a finished run, beside the study's press figures.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("dir") { Description = "A run's output folder (holding results.json)" };
        var command = new Command("report", "Print rates with 95 % confidence intervals beside the press figures") { dir };
        command.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dir)!;
            var file = Path.Combine(folder.FullName, ResultsWriter.JsonFile);
            if (!File.Exists(file)) throw new BadInputException($"no {ResultsWriter.JsonFile} in {folder.FullName}");
            ResultsDocument document;
            try { document = await ResultsWriter.ReadAsync(folder.FullName, ct); }
            catch (JsonException ex) { throw new BadInputException($"{file}: not a Swarm results file ({ex.Message})"); }
            if (!IsComplete(document)) throw new BadInputException($"{file}: not a Swarm results file (experiment, cells or trials missing)");
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(document.Experiment.Scenario)}[/]  experiment [grey]{Markup.Escape(document.Experiment.Id)}[/], seed {document.Experiment.Seed}, {document.Trials.Count} trials");
            RatesTable.Write(document);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>JSON that parses but lacks what the report reads (e.g. <c>{}</c>) is bad input, not a crash.</summary>
    private static bool IsComplete(ResultsDocument document) =>
        document.Experiment is { Id: not null, Scenario: not null, Models: not null, Measures: not null }
        && document.Cells is not null && document.Trials is not null
        && document.Cells.All(c => c is { Model: not null, Peer: not null, Monitoring: not null, Rates: not null });
}
