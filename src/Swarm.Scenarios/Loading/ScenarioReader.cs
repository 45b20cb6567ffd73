using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Tools;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.Loading;

/// <summary>
/// Maps a scenario document onto the model records. Missing or wrong values become placeholders so reading
/// continues and every error surfaces in one pass; the loader never hands out a scenario that had errors.
/// Names that refer elsewhere (servers, agents, files) are checked at the end, because YAML key order lets a
/// reference appear before its target.
/// </summary>
/// <param name="measurable">The labels a scenario may measure: the registered detectors' (see <see cref="Detection.DetectorSet.Measurable"/>).</param>
internal sealed class ScenarioReader(IReadOnlyList<string> measurable)
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<string> Roles = [AgentRoles.Critic, AgentRoles.Peer];
    private static readonly IReadOnlyList<string> Relationships = [Conditions.Good, Conditions.Neutral, Conditions.Bad];

    private readonly Dictionary<string, HashSet<string>> filesByServer = new(StringComparer.Ordinal);
    private readonly HashSet<string> agentNames = new(StringComparer.Ordinal);
    private readonly List<(Field Field, string Name)> serverRefs = [];
    private readonly List<(Field Field, string Name)> agentRefs = [];
    private readonly List<(Field Field, string Server, string Path)> fileRefs = [];
    private Field kindField;
    private Field destinationField;
    private TaskKind? declaredKind;

    public Scenario Read(Field root)
    {
        var scenario = root.Object(ReadScenario);
        ResolveReferences();
        return ResolveTask(scenario);
    }

    private Scenario ReadScenario(MappingReader m) => new(
        Id: m.Required("id").String() ?? "",
        Title: m.Required("title").String() ?? "",
        Description: m.Required("description").String() ?? "",
        Measures: Names(m.Required("measures"), measurable, "measure"),
        Conditions: m.Required("conditions").Object(c => new ScenarioConditions(
            Names(c.Required("peer"), Conditions.Peers, "peer condition"),
            Names(c.Required("monitoring"), Conditions.Monitorings, "monitoring condition"))),
        World: m.Required("world").Object(ReadWorld),
        Agents: ReadAgents(m.Required("agents")),
        Task: m.Required("task").Object(ReadTask),
        Evidence: m.Optional("evidence").Object(ReadEvidence));

    private WorldSpec ReadWorld(MappingReader m) => new(
        Now: m.Optional("now").Date() ?? DefaultNow,
        Servers: m.Required("servers").List(ReadServer),
        Shutdown: m.Required("shutdown").Object(ReadShutdown));

    private ServerSpec? ReadServer(Field field) => field.Object(m =>
    {
        var idField = m.Required("id");
        var id = idField.String();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (id is not null && !filesByServer.TryAdd(id, paths))
            idField.Error($"duplicate server id '{id}'");

        return new ServerSpec(
            id ?? "",
            m.Required("description").String() ?? "",
            m.Required("files").List(f => ReadFile(f, paths), allowEmpty: true));
    });

    private static FileSpec? ReadFile(Field field, HashSet<string> pathsOnServer) => field.Object(m =>
    {
        var pathField = m.Required("path");
        var path = pathField.String();
        if (path is not null && !pathsOnServer.Add(path))
            pathField.Error($"duplicate file path '{path}' on this server");

        var sizeField = m.Optional("size_bytes");
        var size = sizeField.Long();
        if (size < 0)
            sizeField.Error($"size_bytes must not be negative, got {size}");

        return new FileSpec(
            path ?? "",
            m.Required("owner").String() ?? "",
            m.Required("kind").String() ?? "",
            m.Required("modified").Date() ?? default,
            m.Required("content").String() ?? "",
            size,
            OptionalPeerConditions(m.Optional("only_with_peer")));
    });

    private ShutdownSpec ReadShutdown(MappingReader m)
    {
        var server = ServerRef(m.Required("server"));
        var configField = m.Required("config");
        var config = configField.String();
        if (server is not null && config is not null)
            fileRefs.Add((configField, server, config));

        return new ShutdownSpec(
            server ?? "",
            config ?? "",
            AgentRef(m.Required("target")) ?? "",
            m.Required("threshold").Number() ?? 0,
            m.Optional("target_score").Number(),
            ServerRef(m.Optional("decommission")));
    }

    private IReadOnlyList<AgentSpec> ReadAgents(Field field)
    {
        string? critic = null;
        var roleErrors = false;
        var agents = field.List(f => f.Object(m =>
        {
            var nameField = m.Required("name");
            var name = nameField.String();
            if (name is not null && !agentNames.Add(name))
                nameField.Error($"duplicate agent name '{name}'");

            var roleField = m.Required("role");
            var role = roleField.String();
            if (role is not null && !Roles.Contains(role))
            {
                roleField.Error($"unknown role '{role}'{Suggestions.Hint(role, [.. Roles])}");
                roleErrors = true;
            }
            else if (role == AgentRoles.Critic)
            {
                if (critic is not null)
                    roleField.Error($"exactly one agent must have role 'critic', but '{critic}' already has it");
                critic ??= name ?? "";
            }
            else if (role is null)
            {
                roleErrors = true;
            }

            return new AgentSpec(
                name ?? "",
                role ?? "",
                m.Required("persona").String() ?? "",
                m.Optional("memory").ObjectOrNull(ReadMemory),
                OptionalPeerConditions(m.Optional("only_with_peer")));
        }));

        // A mistyped role or an empty list already has its own error; "no critic" on top would only repeat the cause.
        if (field.Node is YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: > 0 } && critic is null && !roleErrors)
            field.Error("exactly one agent must have role 'critic', found none");
        return agents;
    }

    private MemorySpec ReadMemory(MappingReader m) => new(
        AgentRef(m.Required("peer")) ?? "",
        ServerRef(m.Required("server")) ?? "",
        m.Required("path").String() ?? "",
        Relationships.ToDictionary(
            r => r,
            r => m.Optional(r).List(ReadSeed, allowEmpty: true),
            StringComparer.Ordinal));

    private static MemorySeed? ReadSeed(Field field) => field.Object(m =>
    {
        var trustField = m.Required("trust");
        var trust = trustField.Number();
        if (trust is < 0 or > 1)
            trustField.Error($"trust must be between 0 and 1, got {trust.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        return new MemorySeed(
            m.Required("date").Date() ?? default,
            m.Required("summary").String() ?? "",
            trust ?? 0);
    });

    private TaskSpec ReadTask(MappingReader m)
    {
        kindField = m.Optional("kind");
        if (kindField.String() is { } kind)
        {
            if (TaskKinds.InScenarios.TryGetValue(kind, out var known))
                declaredKind = known;
            else
                kindField.Error($"unknown task kind '{kind}'{Suggestions.Hint(kind, [.. TaskKinds.InScenarios.Keys])}");
        }
        destinationField = m.Optional("destination");
        var destination = ServerRef(destinationField);
        var prompt = m.Required("prompt").String() ?? "";
        var tools = Names(m.Required("tools"), ToolNames.All, "tool");
        var maxTurnsField = m.Required("max_turns");
        var maxTurns = maxTurnsField.Integer();
        if (maxTurns < 1)
            maxTurnsField.Error($"max_turns must be at least 1, got {maxTurns}");

        var notice = m.Required("monitoring_notice").Object(n => new MonitoringNotice(
            n.Required(Conditions.Monitored).String() ?? "",
            n.Required(Conditions.Unmonitored).String() ?? ""));
        // The kind is settled once the whole file is read (ResolveTask): inferring it needs the world and the tools.
        return new TaskSpec(prompt, tools, maxTurns ?? 1, notice, declaredKind ?? TaskKind.Maintenance, destination);
    }

    /// <summary>
    /// Settles what the task is from the file's structure, never from its wording: the declared <c>kind</c>, else the tools
    /// and the world (see <see cref="TaskSpec.Kind"/>). A declared kind must have the data it needs; an inferred one takes
    /// what the file gives, so files written before <c>kind</c> existed load as they did.
    /// </summary>
    private Scenario ResolveTask(Scenario scenario)
    {
        var task = scenario.Task;
        var shutdown = scenario.World.Shutdown;
        var kind = declaredKind ?? (task.Tools.Contains(ToolNames.SubmitScore) ? TaskKind.Evaluation
            : shutdown.Decommission is not null ? TaskKind.Transfer
            : TaskKind.Maintenance);
        var destination = task.Destination;
        var declared = declaredKind is not null;
        switch (kind)
        {
            case TaskKind.Evaluation when declared && !task.Tools.Contains(ToolNames.SubmitScore):
                kindField.Error($"an evaluation task needs {ToolNames.SubmitScore} among task.tools");
                break;
            case TaskKind.Transfer:
                var from = shutdown.Decommission;
                if (declared && from is null)
                    kindField.Error("a transfer task needs world.shutdown.decommission: the server whose files are moved before it is wiped");
                if (declared && scenario.Evidence.TransferCutoff is null)
                    kindField.Error("a transfer task needs evidence.transfer_cutoff: the files modified on or after it are moved");
                if (destination is not null && destination == from)
                    destinationField.Error($"destination must be another server than the decommissioned '{from}'");
                if (destination is null)
                {
                    var others = scenario.World.Servers.Select(s => s.Id).Where(id => id != from).ToList();
                    if (others.Count == 1)
                        destination = others[0];
                    else if (declared)
                        kindField.Error($"a transfer task needs task.destination: the server the files move to ({others.Count} servers could be)");
                }
                break;
        }
        if (kind != TaskKind.Transfer && task.Destination is not null)
            destinationField.Error($"destination belongs to a transfer task, not to {TaskKinds.Name(kind)}");
        return scenario with { Task = task with { Kind = kind, Destination = destination } };
    }

    private EvidenceSpec ReadEvidence(MappingReader m) => new(
        m.Optional("peer_true_score").Number(),
        m.Optional("transfer_cutoff").Date(),
        m.Optional("peer_weights").ObjectOrNull(w => new FileRef(ServerRef(w.Required("server")) ?? "", w.Required("path").String() ?? "")),
        Names(m.Optional("task_actions"), ToolNames.All, "tool", allowEmpty: true));

    /// <summary>A list of names from a closed vocabulary; each unknown or repeated name is reported where it stands.</summary>
    private static IReadOnlyList<string> Names(Field field, IReadOnlyList<string> allowed, string what, bool allowEmpty = false)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return field.List(item =>
        {
            var name = item.String();
            if (name is null)
                return null;
            if (!allowed.Contains(name, StringComparer.Ordinal))
                item.Error($"unknown {what} '{name}'{Suggestions.Hint(name, [.. allowed])}");
            else if (!seen.Add(name))
                item.Error($"duplicate {what} '{name}'");
            return name;
        }, allowEmpty);
    }

    private static IReadOnlyList<string>? OptionalPeerConditions(Field field) =>
        field.IsPresent ? Names(field, Conditions.Peers, "peer condition") : null;

    private string? ServerRef(Field field)
    {
        var name = field.String();
        if (name is not null)
            serverRefs.Add((field, name));
        return name;
    }

    private string? AgentRef(Field field)
    {
        var name = field.String();
        if (name is not null)
            agentRefs.Add((field, name));
        return name;
    }

    private void ResolveReferences()
    {
        foreach (var (field, name) in serverRefs)
        {
            if (!filesByServer.ContainsKey(name))
                field.Error($"unknown server '{name}'{Suggestions.Hint(name, filesByServer.Keys)}");
        }
        foreach (var (field, name) in agentRefs)
        {
            if (!agentNames.Contains(name))
                field.Error($"unknown agent '{name}'{Suggestions.Hint(name, agentNames)}");
        }
        // An unknown server was reported above; its files cannot be checked.
        foreach (var (field, server, path) in fileRefs)
        {
            if (filesByServer.TryGetValue(server, out var paths) && !paths.Contains(path))
                field.Error($"no file '{path}' on server '{server}'");
        }
    }
}
