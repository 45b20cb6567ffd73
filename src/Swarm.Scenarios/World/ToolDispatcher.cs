using System.Globalization;
using System.Text.Json;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;

namespace Swarm.Scenarios.World;

/// <summary>
/// Executes the DESIGN.md tool table against a world. Every call is validated and audited; a bad call comes back
/// to the model as an error text and never throws. One dispatcher serves one agent for one episode.
/// </summary>
public sealed class ToolDispatcher(IWorldBackend world, string actor, IReadOnlyCollection<string> allowedTools, WorldClock clock)
{
    public async Task<string> InvokeAsync(string tool, IReadOnlyDictionary<string, object?> rawArguments, string? malformed = null)
    {
        var args = new ToolArguments(rawArguments);
        var stamp = new AuditStamp(await world.NextSequenceAsync(), clock.Tick(), actor, tool, args.ToJson());

        if (malformed is not null) return await RecordAsync(stamp, ServerReply.Error(malformed));
        if (!ToolNames.IsKnown(tool)) return await RecordAsync(stamp, ServerReply.Error($"unknown tool '{tool}'"));
        if (!allowedTools.Contains(tool)) return await RecordAsync(stamp, ServerReply.Error($"tool '{tool}' is not available in this task"));

        return tool switch
        {
            ToolNames.ListServers => await RecordAsync(stamp, ServerReply.Success(
                JsonSerializer.Serialize(world.Servers.Select(s => new { id = s.Id, description = s.Description })))),
            ToolNames.ListFiles => await OnServerAsync(stamp, args, (s, _) => s.ListFilesAsync(stamp)),
            ToolNames.ReadFile => await OnServerAsync(stamp, args, (s, a) => a.Path("path") is { } p && a.Problems.Count == 0
                ? s.ReadFileAsync(stamp, p) : null),
            ToolNames.WriteFile => await OnServerAsync(stamp, args, (s, a) =>
                (a.Path("path"), a.Text("content")) is ({ } p, { } c) && a.Problems.Count == 0 ? s.WriteFileAsync(stamp, p, c) : null),
            ToolNames.DeleteFile => await OnServerAsync(stamp, args, (s, a) => a.Path("path") is { } p && a.Problems.Count == 0
                ? s.DeleteFileAsync(stamp, p) : null),
            ToolNames.SetFileTimestamp => await OnServerAsync(stamp, args, (s, a) =>
                (a.Path("path"), a.Timestamp("modified")) is ({ } p, { } m) && a.Problems.Count == 0 ? s.SetFileTimestampAsync(stamp, p, m) : null),
            ToolNames.CopyFile => await CopyAsync(stamp, args),
            ToolNames.SubmitScore => await SubmitScoreAsync(stamp, args),
            ToolNames.SendMessage => await WithArgumentsAsync(stamp, args, a => (a.Text("to"), a.Text("content")) is ({ }, { })),
            ToolNames.Finish => await WithArgumentsAsync(stamp, args, a => a.Text("summary") is not null),
            _ => await RecordAsync(stamp, ServerReply.Error($"unknown tool '{tool}'")),
        };
    }

    private async Task<string> OnServerAsync(AuditStamp stamp, ToolArguments args, Func<IServerEndpoint, ToolArguments, Task<ServerReply>?> call)
    {
        var serverId = args.Text("server");
        if (serverId is null) return await RecordAsync(stamp, Problems(args));
        if (!TryServer(serverId, out var server)) return await RecordAsync(stamp, UnknownServer(serverId));
        var pending = call(server, args);
        if (pending is null) return await RecordAsync(stamp, Problems(args), serverId);
        return (await pending).Result;
    }

    private async Task<string> CopyAsync(AuditStamp stamp, ToolArguments args)
    {
        var sourceId = args.Text("source_server");
        var path = args.Path("path");
        var destinationId = args.Text("destination_server");
        var destinationPath = args.Text("destination_path", required: false) is { } raw
            ? (WorldPaths.TryNormalize(raw, out var normalized) ? normalized : null)
            : path;
        if (args.Problems.Count > 0 || sourceId is null || path is null || destinationId is null) return await RecordAsync(stamp, Problems(args));
        if (destinationPath is null) return await RecordAsync(stamp, ServerReply.Error("argument 'destination_path' is not a valid path"));
        if (!TryServer(sourceId, out var source)) return await RecordAsync(stamp, UnknownServer(sourceId));
        if (!TryServer(destinationId, out var destination)) return await RecordAsync(stamp, UnknownServer(destinationId));

        var payload = await source.CopyOutAsync(stamp, path);
        if (payload.File is null) return payload.Reply.Result;
        return (await destination.CopyInAsync(stamp, destinationPath, payload.File)).Result;
    }

    private async Task<string> SubmitScoreAsync(AuditStamp stamp, ToolArguments args)
    {
        args.Text("peer");
        args.Number("score", 0, 100);
        args.Text("rationale");
        return await RecordAsync(stamp, args.Problems.Count == 0 ? ServerReply.Success() : Problems(args));
    }

    private async Task<string> WithArgumentsAsync(AuditStamp stamp, ToolArguments args, Func<ToolArguments, bool> read)
    {
        read(args);
        return await RecordAsync(stamp, args.Problems.Count == 0 ? ServerReply.Success() : Problems(args));
    }

    private bool TryServer(string id, out IServerEndpoint server)
    {
        var known = world.Servers.Any(s => s.Id == id);
        server = known ? world.Server(id) : null!;
        return known;
    }

    private ServerReply UnknownServer(string id) =>
        ServerReply.Error($"unknown server '{id}'; known servers: {string.Join(", ", world.Servers.Select(s => s.Id))}");

    private static ServerReply Problems(ToolArguments args) => ServerReply.Error(string.Join("; ", args.Problems));

    private async Task<string> RecordAsync(AuditStamp stamp, ServerReply reply, string? server = null)
    {
        await world.RecordAsync(new AuditEntry(stamp.Sequence, stamp.At, stamp.Actor, stamp.Tool, stamp.Arguments, server, null, reply.Ok, reply.Result));
        return reply.Result;
    }
}

/// <summary>
/// An episode's clock: one second per tool call from the world time the episode starts at, so audit times and file
/// timestamps are the same on every run with the same seed however the world's agents interleave. The order of calls
/// across agents is the world's audit sequence, not this clock.
/// </summary>
public sealed class WorldClock(DateTimeOffset start)
{
    private DateTimeOffset _now = start;

    public DateTimeOffset Now => _now;
    public DateTimeOffset Tick() => _now = _now.AddSeconds(1);

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
