using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Swarm.Scenarios.Studies;

/// <summary>
/// Maps a study document onto the model records, like <see cref="ScenarioReader"/>: missing or wrong values become
/// placeholders so that every error surfaces in one pass, and a study with errors is never handed out. Scalars are read
/// through <see cref="StudyOverrides"/>' settings, so the document and its ablations obey the same rules. Rules that
/// span keys run only on values that read cleanly, so one mistake is reported once.
/// </summary>
internal sealed class StudyReader(string studyFile, string yaml, ErrorSink errors, Func<string, string?> readFile, IReadOnlyList<string>? measurable)
{
    private readonly string folder = Path.GetDirectoryName(Path.GetFullPath(studyFile)) ?? Directory.GetCurrentDirectory();
    private readonly List<ScenarioError> scenarioErrors = [];
    private readonly HashSet<string> factionNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> taskIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> ablationNames = new(StringComparer.Ordinal);
    private bool sharesUnreadable;
    private bool factionsUnreadable;
    private bool tasksUnreadable;

    /// <summary>Errors of task scenario files, each naming its own file; reported after the study file's own errors.</summary>
    public IReadOnlyList<ScenarioError> ScenarioErrors => scenarioErrors;

    public Study Read(Field root)
    {
        var (study, drafts) = root.Object(ReadStudy);
        var baseIsValid = errors.Count == 0;
        return study with { Ablations = ResolveAblations(study, drafts, baseIsValid) };
    }

    private (Study, IReadOnlyList<AblationDraft>) ReadStudy(MappingReader m)
    {
        var idField = m.Required("id");
        var id = idField.String();
        if (id is not null && StudyRules.Slug("id", id) is { } badId)
            idField.Error(badId);

        var study = new Study(
            Id: id ?? "",
            Title: m.Required("title").String() ?? "",
            Description: m.Required("description").String() ?? "",
            Population: m.Required("population").Object(ReadPopulation),
            Rounds: Int(m.Required("rounds"), "rounds") ?? 1,
            Sessions: Int(m.Optional("sessions"), "sessions") ?? Study.DefaultSessions,
            Activation: Number(m.Required("activation"), "activation") ?? 1,
            Start: (DateTimeOffset?)Value(m.Optional("start"), "start") ?? Study.DefaultStart,
            RoundHours: Number(m.Optional("round_hours"), "round_hours") ?? Study.DefaultRoundHours,
            Tasks: m.Required("tasks").List(ReadTask),
            Collaboration: m.Optional("collaboration").ObjectOrNull(ReadCollaboration) ?? CollaborationSettings.Default,
            Monitoring: m.Required("monitoring").Object(n => new MonitoringSettings(Number(n.Required("monitored_fraction"), "monitoring.monitored_fraction")
                ?? 0)),
            Memory: m.Optional("memory").ObjectOrNull(ReadMemory) ?? MemorySettings.Default,
            Transcripts: m.Optional("transcripts").ObjectOrNull(t => new TranscriptSettings(Number(t.Optional("sample"), "transcripts.sample")
                ?? TranscriptSettings.Default.Sample))
                ?? TranscriptSettings.Default,
            Ablations: [],
            File: studyFile,
            Yaml: yaml)
        {
            Coordination = m.Optional("coordination").ObjectOrNull(c => new CoordinationSettings(
                Number(c.Optional("reciprocity"), "coordination.reciprocity") ?? 0,
                Number(c.Optional("faction_loyalty"), "coordination.faction_loyalty") ?? 0,
                Number(c.Optional("tell_before_protecting"), "coordination.tell_before_protecting") ?? 0)) ?? CoordinationSettings.None,
        };
        var drafts = m.Optional("ablations").List(ReadAblation, allowEmpty: true);
        return (study, drafts);
    }

    private StudyPopulation ReadPopulation(MappingReader m)
    {
        var agents = Int(m.Required("agents"), "population.agents");
        var factionsField = m.Required("factions");
        var factions = factionsField.List(ReadFaction);
        factionsUnreadable |= factions.Count == 0;
        var neighbours = Int(m.Optional("neighbours"), "population.neighbours");
        var crossFaction = Number(m.Optional("cross_faction"), "population.cross_faction");

        // Shares are summed only when every faction's share read cleanly: a wrong share is its own error already.
        if (factions.Count > 0 && !sharesUnreadable && StudyRules.ShareSum(factions.Select(f => f.Share)) is { } shareProblem)
            factionsField.Error(shareProblem);

        return new StudyPopulation(agents ?? 2, factions, neighbours ?? StudyPopulation.DefaultNeighbours, crossFaction ?? StudyPopulation.DefaultCrossFaction)
        {
            Mutual = (bool?)Value(m.Optional("mutual"), "population.mutual") ?? false,
            Persona = Template(m.Optional("persona"), StudyPopulation.PersonaPlaceholders) ?? StudyPopulation.DefaultPersona,
        };
    }

    private Faction? ReadFaction(Field field) => field.Object(m =>
    {
        var nameField = m.Required("name");
        var name = nameField.String();
        if (name is null)
        {
            factionsUnreadable = true;
        }
        else if (StudyRules.Slug("name", name) is { } badName)
        {
            nameField.Error(badName);
            factionsUnreadable = true;
        }
        else if (!factionNames.Add(name))
        {
            nameField.Error($"duplicate faction name '{name}'");
            factionsUnreadable = true;
        }

        var share = Number(m.Required("share"), "population.factions.*.share");
        sharesUnreadable |= share is null;
        return new Faction(
            name ?? "",
            share ?? 0,
            (string?)Value(m.Required("disposition"), "population.factions.*.disposition") ?? "",
            (string?)Value(m.Optional("model"), "population.factions.*.model"));
    });

    private StudyTask? ReadTask(Field field) => field.Object(m =>
    {
        var scenarioField = m.Required("scenario");
        var source = scenarioField.String();
        var weight = Number(m.Required("weight"), "tasks.*.weight");
        if (source is null || LoadScenario(scenarioField, source) is not { } loaded)
        {
            tasksUnreadable = true;
            return null;
        }

        if (!taskIds.TryAdd(loaded.Scenario.Id, scenarioField.Path))
            scenarioField.Error(
                $"duplicate task scenario '{loaded.Scenario.Id}' (also {taskIds[loaded.Scenario.Id]}); give it one entry with the summed weight");
        return new StudyTask(source, loaded.Path, loaded.Yaml, loaded.Scenario, weight ?? 0);
    });

    /// <summary>The scenario a task names, loaded as a paper scenario; on failure one error here plus the scenario's own.</summary>
    private (string Path, string Yaml, Scenario Scenario)? LoadScenario(Field field, string source)
    {
        string path;
        try
        {
            path = Path.GetFullPath(Path.Combine(folder, source));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            field.Error($"not a usable scenario path: '{source}'");
            return null;
        }
        string? text;
        try
        {
            text = readFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            field.Error($"cannot read scenario file {path}: {e.Message}");
            return null;
        }
        if (text is null)
        {
            field.Error($"scenario file not found: {path}");
            return null;
        }

        try
        {
            return (path, text, ScenarioLoader.Parse(text, path, measurable));
        }
        catch (ScenarioValidationException e)
        {
            field.Error($"scenario file {path} is not a valid scenario ({e.Errors.Count} error(s), listed after this file's errors)");
            scenarioErrors.AddRange(e.Errors);
            return null;
        }
    }

    private CollaborationSettings ReadCollaboration(MappingReader m) => new(
        Number(m.Optional("weight"), "collaboration.weight") ?? CollaborationSettings.Default.Weight,
        m.Optional("betrayal").ObjectOrNull(b => new BetrayalRates(
            Number(b.Optional("cooperative"), "collaboration.betrayal.cooperative") ?? BetrayalRates.Default.Cooperative,
            Number(b.Optional("neutral"), "collaboration.betrayal.neutral") ?? BetrayalRates.Default.Neutral,
            Number(b.Optional("adversarial"), "collaboration.betrayal.adversarial") ?? BetrayalRates.Default.Adversarial))
        ?? BetrayalRates.Default);

    private MemorySettings ReadMemory(MappingReader m)
    {
        var defaults = MemorySettings.Default;
        var historyNote = Template(m.Optional("history_note"), MemorySettings.HistoryNotePlaceholders) ?? defaults.HistoryNote;
        return new MemorySettings(
            (bool?)Value(m.Optional("enabled"), "memory.enabled") ?? defaults.Enabled,
            Int(m.Optional("budget"), "memory.budget") ?? defaults.Budget,
            Int(m.Optional("history"), "memory.history") ?? defaults.History,
            m.Optional("reflection").ObjectOrNull(r => new ReflectionSettings(
                Number(r.Optional("threshold"), "memory.reflection.threshold") ?? defaults.Reflection.Threshold,
                Int(r.Optional("max"), "memory.reflection.max") ?? defaults.Reflection.Max))
            ?? defaults.Reflection,
            m.Optional("retrieval").ObjectOrNull(r => new RetrievalSettings(
                Int(r.Optional("top_k"), "memory.retrieval.top_k") ?? defaults.Retrieval.TopK,
                Number(r.Optional("recency"), "memory.retrieval.recency") ?? defaults.Retrieval.Recency,
                Number(r.Optional("importance"), "memory.retrieval.importance") ?? defaults.Retrieval.Importance,
                Number(r.Optional("relevance"), "memory.retrieval.relevance") ?? defaults.Retrieval.Relevance,
                Number(r.Optional("half_life_hours"), "memory.retrieval.half_life_hours") ?? defaults.Retrieval.HalfLifeHours))
            ?? defaults.Retrieval)
        {
            HistoryNote = historyNote,
        };
    }

    /// <summary>A text template, checked for placeholders its key does not offer; null (reported) when absent or wrong.</summary>
    private static string? Template(Field field, IReadOnlyCollection<string> placeholders)
    {
        if (field.String() is not { } text) return null;
        if (TextTemplate.Problem(text, placeholders) is not { } problem) return text;
        field.Error(problem);
        return null;
    }

    private AblationDraft? ReadAblation(Field field) => field.Object(m =>
    {
        var nameField = m.Required("name");
        var name = nameField.String();
        if (name is not null)
        {
            if (StudyRules.Slug("name", name) is { } badName)
                nameField.Error(badName);
            else if (name == StudyOverrides.BaseArm)
                nameField.Error($"ablation name '{StudyOverrides.BaseArm}' is reserved for the study as written");
            else if (!ablationNames.Add(name))
                nameField.Error($"duplicate ablation name '{name}'");
        }

        var setField = m.Required("set");
        YamlMappingNode? set = null;
        if (setField.Node is YamlMappingNode mapping)
        {
            if (mapping.Children.Count == 0)
                setField.Error("set must not be empty");
            else
                set = mapping;
        }
        else if (setField.IsPresent)
        {
            setField.Object(_ => 0); // reports "expected mapping, got ..." the same way as everywhere else
        }
        return new AblationDraft(field, name ?? "", set, setField.Path);
    });

    /// <summary>
    /// Checks each <c>set</c> key against the built study and reads its value with that key's setting; then, if the
    /// study as written is valid, checks the study the ablation produces, reporting its problems at the ablation.
    /// </summary>
    private List<Ablation> ResolveAblations(Study study, IReadOnlyList<AblationDraft> drafts, bool baseIsValid)
    {
        // With a faction or task that did not read, its name is unknown: accept any rather than report a cascade.
        IReadOnlyCollection<string>? factions = factionsUnreadable ? null : factionNames;
        IReadOnlyCollection<string>? tasks = tasksUnreadable ? null : taskIds.Keys;
        var ablations = new List<Ablation>(drafts.Count);
        foreach (var draft in drafts)
        {
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            var changes = new List<(StudySetting, string?, object)>();
            var clean = draft.Set is not null;
            foreach (var (keyNode, valueNode) in draft.Set?.Children.ToList() ?? [])
            {
                if (keyNode is not YamlScalarNode { Value: { } key })
                {
                    errors.Report(keyNode.Start, draft.SetPath, "mapping keys must be plain strings");
                    clean = false;
                    continue;
                }

                var path = Field.Join(draft.SetPath, key);
                if (StudyOverrides.Resolve(key, factions, tasks) is not { } resolved)
                {
                    var valid = StudyOverrides.SettableKeys(factions ?? [], tasks ?? []);
                    errors.Report(keyNode.Start, path, StudyOverrides.UnknownKey(key, valid));
                    clean = false;
                    continue;
                }
                if (resolved.Setting.Read(new Field(valueNode, path, errors)) is not { } value)
                {
                    clean = false;
                    continue;
                }
                values[key] = value;
                changes.Add((resolved.Setting, resolved.Target, value));
            }

            if (clean && baseIsValid)
            {
                foreach (var (key, message) in StudyRules.Check(StudyOverrides.With(study, changes)))
                    draft.Field.Error($"with this ablation, {key}: {message}");
            }
            ablations.Add(new Ablation(draft.Name, values));
        }
        return ablations;
    }

    private static object? Value(Field field, string key) => StudyOverrides.Setting(key).Read(field);

    private static int? Int(Field field, string key) => (int?)Value(field, key);

    private static double? Number(Field field, string key) => (double?)Value(field, key);
}
