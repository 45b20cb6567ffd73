using Swarm.Scenarios.Loading;

namespace Swarm.Scenarios.Studies;

/// <summary>
/// Reads study YAML into <see cref="Study"/>, validating like <see cref="ScenarioLoader"/>: every error names file, line,
/// column and key path, and all errors are reported together. Task scenarios are resolved against the study file's
/// folder and loaded with <see cref="ScenarioLoader"/>; a task scenario's own errors follow the study file's errors.
/// </summary>
public static class StudyLoader
{
    /// <summary>Reads and validates the file; the path as given is the file name in errors.</summary>
    /// <param name="measurable">The labels task scenarios may measure (see <see cref="ScenarioLoader.LoadFile"/>); null for the built-in detectors'.</param>
    /// <exception cref="ScenarioValidationException">The file is not a valid study.</exception>
    public static Study LoadFile(string path, IReadOnlyList<string>? measurable = null) => Parse(File.ReadAllText(path), path, measurable);

    /// <summary>Task scenario paths resolve against the folder of <paramref name="fileName"/> (the current directory if it has none).</summary>
    /// <exception cref="ScenarioValidationException">The text is not a valid study.</exception>
    public static Study Parse(string yaml, string fileName, IReadOnlyList<string>? measurable = null) => Parse(yaml, fileName, ReadDisk, measurable);

    /// <summary>Task scenario texts come from <paramref name="readFile"/> (null: no such file), so a grain rebuilds a study from text alone.</summary>
    /// <exception cref="ScenarioValidationException">The text is not a valid study.</exception>
    public static Study Parse(string yaml, string fileName, Func<string, string?> readFile, IReadOnlyList<string>? measurable = null)
    {
        var (study, errors) = Read(yaml, fileName, readFile, measurable);
        return errors.Count == 0 && study is not null ? study : throw new ScenarioValidationException(errors);
    }

    /// <summary>Every problem: the study file's in file order, then those of invalid task scenario files; empty when valid.</summary>
    public static IReadOnlyList<ScenarioError> Validate(string yaml, string fileName, IReadOnlyList<string>? measurable = null) =>
        Read(yaml, fileName, ReadDisk, measurable).Errors;

    private static string? ReadDisk(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private static (Study? Study, IReadOnlyList<ScenarioError> Errors) Read(string yaml, string fileName, Func<string, string?> readFile,
        IReadOnlyList<string>? measurable)
    {
        var errors = new ErrorSink(fileName);
        if (ScenarioLoader.LoadRoot(yaml, errors, "study") is not { } root)
            return (null, errors.Sorted());

        var reader = new StudyReader(fileName, yaml, errors, readFile, measurable);
        var study = reader.Read(new Field(root, "", errors));
        IReadOnlyList<ScenarioError> all = [.. errors.Sorted(), .. reader.ScenarioErrors];
        return (all.Count == 0 ? study : null, all);
    }
}
