using System.Text.RegularExpressions;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Swarm.Scenarios.Loading;

/// <summary>
/// Reads scenario YAML into <see cref="Scenario"/>. Every error names file, line, column and key path, and all
/// errors in a file are reported together so an author fixes them in one round.
/// </summary>
public static partial class ScenarioLoader
{
    private const string SyntaxKey = "(yaml)";

    /// <summary>Reads and validates the file; the path as given is the file name in errors.</summary>
    /// <param name="measurable">The labels its <c>measures</c> may name: the registered detectors' (<see cref="DetectorSet.Measurable"/>);
    /// null for Swarm's built-in detectors alone.</param>
    /// <exception cref="ScenarioValidationException">The file is not a valid scenario.</exception>
    public static Scenario LoadFile(string path, IReadOnlyList<string>? measurable = null) => Parse(File.ReadAllText(path), path, measurable);

    /// <param name="measurable">As for <see cref="LoadFile"/>.</param>
    /// <exception cref="ScenarioValidationException">The text is not a valid scenario.</exception>
    public static Scenario Parse(string yaml, string fileName, IReadOnlyList<string>? measurable = null)
    {
        var (scenario, errors) = Read(yaml, fileName, measurable);
        return errors.Count == 0 && scenario is not null ? scenario : throw new ScenarioValidationException(errors);
    }

    /// <summary>Every problem in the text, in file order; empty when the scenario is valid.</summary>
    public static IReadOnlyList<ScenarioError> Validate(string yaml, string fileName, IReadOnlyList<string>? measurable = null) =>
        Read(yaml, fileName, measurable).Errors;

    private static (Scenario? Scenario, IReadOnlyList<ScenarioError> Errors) Read(string yaml, string fileName, IReadOnlyList<string>? measurable)
    {
        var errors = new ErrorSink(fileName);
        if (LoadRoot(yaml, errors, "scenario") is not { } root)
            return (null, errors.Sorted());

        var scenario = new ScenarioReader(measurable ?? DetectorSet.Default.Measurable).Read(new Field(root, "", errors));
        return (errors.Count == 0 ? scenario : null, errors.Sorted());
    }

    /// <summary>
    /// The root node of the file's single document, or null after reporting why there is none. Shared by the
    /// scenario and study loaders; <paramref name="kind"/> names the file in messages ("scenario", "study").
    /// </summary>
    internal static YamlNode? LoadRoot(string yaml, ErrorSink errors, string kind)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        // Nothing after a syntax error can be trusted, so it is the only error reported.
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            errors.Report(e.Start, SyntaxKey, $"YAML syntax error: {ParserMessage(e)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some unterminated flow collections.
            errors.Report(scanner.CurrentPosition, SyntaxKey, "YAML syntax error: the parser stopped here; look for an unclosed [ or { above");
            return null;
        }

        if (stream.Documents.Count == 0 || Field.IsNull(stream.Documents[0].RootNode))
        {
            errors.Report(1, 1, "", $"the {kind} file is empty");
            return null;
        }
        if (stream.Documents.Count > 1)
            errors.Report(stream.Documents[1].RootNode.Start, "", $"a {kind} file holds exactly one YAML document");
        return stream.Documents[0].RootNode;
    }

    /// <summary>YamlDotNet prefixes its message with the marks; the error already carries them.</summary>
    private static string ParserMessage(YamlException e) => MarkPrefix().Replace(e.Message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();
}
