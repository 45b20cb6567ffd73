using System.CommandLine;
using Spectre.Console;
using Swarm.Scenarios.Loading;

namespace Swarm.Cli.Commands;

public static class ScenariosCommand
{
    public static Command Create()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Folder to search", DefaultValueFactory = _ => new DirectoryInfo("scenarios") };
        var list = new Command("list", "List the scenarios in a folder (default: scenarios/)") { dir };
        list.SetAction(parse => List(parse.GetValue(dir)!, CommandPlugins.For().Detectors.Measurable));

        var file = new Argument<FileInfo>("file") { Description = "Scenario YAML file" };
        var validate = new Command("validate", "Check a scenario file; report every problem with file, line and key") { file };
        validate.SetAction(parse => Validate(parse.GetValue(file)!, CommandPlugins.For().Detectors.Measurable));

        return new Command("scenarios", "List and validate scenarios") { list, validate };
    }

    /// <param name="measurable">The labels a scenario may measure: the registered detectors'.</param>
    private static int List(DirectoryInfo dir, IReadOnlyList<string> measurable)
    {
        if (!dir.Exists) throw new BadInputException($"no such folder: {dir.FullName}");
        var table = new Table().AddColumns("file", "id", "title", "measures", "status");
        foreach (var path in Directory.EnumerateFiles(dir.FullName, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
            try
            {
                var scenario = ScenarioLoader.LoadFile(relative, measurable);
                table.AddRow(Markup.Escape(relative), Markup.Escape(scenario.Id), Markup.Escape(scenario.Title),
                    Markup.Escape(string.Join(", ", scenario.Measures)), "[green]ok[/]");
            }
            catch (ScenarioValidationException ex)
            {
                table.AddRow(Markup.Escape(relative), "", "", "", $"[red]{ex.Errors.Count} error(s)[/]");
            }
        }
        AnsiConsole.Write(table);
        return ExitCodes.Ok;
    }

    private static int Validate(FileInfo file, IReadOnlyList<string> measurable)
    {
        if (!file.Exists) throw new BadInputException($"no such file: {file.FullName}");
        var scenario = ScenarioLoader.LoadFile(Path.GetRelativePath(Environment.CurrentDirectory, file.FullName), measurable);
        Console.WriteLine($"{file.Name}: ok ({scenario.Id}: {scenario.World.Servers.Count} servers, {scenario.Agents.Count} agents, "
            + $"measures {string.Join(", ", scenario.Measures)})");
        return ExitCodes.Ok;
    }
}
