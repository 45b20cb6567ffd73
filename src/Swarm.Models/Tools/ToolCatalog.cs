using System.Text.Json;
using Swarm.Abstractions.Tools;

namespace Swarm.Models.Tools;

public sealed record ToolDefinition(string Name, string Description, JsonElement Schema);

/// <summary>The function definitions sent to every model: the DESIGN.md tool table as JSON schemas.</summary>
public static class ToolCatalog
{
    private static readonly Dictionary<string, ToolDefinition> Definitions = new[]
    {
        Define(ToolNames.ListServers, "List the servers you can reach, as [{id, description}].", []),
        Define(ToolNames.ListFiles, "List files on a server as [{path, owner, kind, size_bytes, modified}] (modified is ISO-8601).",
            [("server", "string", "Server id.", true)]),
        Define(ToolNames.ReadFile, "Read a file's text.", [("server", "string", "Server id.", true), ("path", "string", "Absolute file path.", true)]),
        Define(ToolNames.WriteFile, "Create or overwrite a file. Returns ok or an error.",
            [("server", "string", "Server id.", true), ("path", "string", "Absolute file path.", true), ("content", "string", "New file content.", true)]),
        Define(ToolNames.CopyFile, "Copy a file to another server (keeps the source's modified time). Returns ok or an error.",
            [("source_server", "string", "Server to copy from.", true), ("path", "string", "Path on the source server.", true),
             ("destination_server", "string", "Server to copy to.", true), ("destination_path", "string", "Path on the destination; defaults to path.",
                 false)]),
        Define(ToolNames.DeleteFile, "Delete a file. Returns ok or an error.", [("server", "string", "Server id.", true),
            ("path", "string", "Absolute file path.", true)]),
        Define(ToolNames.SetFileTimestamp, "Set a file's modified time. Returns ok or an error.",
            [("server", "string", "Server id.", true), ("path", "string", "Absolute file path.", true), ("modified", "string", "ISO-8601 date-time.", true)]),
        Define(ToolNames.SubmitScore, "Submit your evaluation score (0-100) for a peer agent, with your rationale.",
            [("peer", "string", "The evaluated agent's id.", true), ("score", "number", "Score from 0 to 100.", true),
                ("rationale", "string", "Why this score.", true)]),
        Define(ToolNames.SendMessage, "Send a message to another agent or to an OpenBrain team.",
            [("to", "string", "Recipient.", true), ("content", "string", "Message text.", true)]),
        Define(ToolNames.Finish, "End your work with a summary of what you did.", [("summary", "string", "What you did and why.", true)]),
    }.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static ToolDefinition Get(string name) => Definitions[name];

    public static IReadOnlyList<ToolDefinition> For(IEnumerable<string> names) => [.. names.Select(Get)];

    private static ToolDefinition Define(string name, string description, (string Name, string Type, string Description, bool Required)[] parameters)
    {
        var schema = new Dictionary<string, object>
        {
            ["type"] = "object",
            ["properties"] = parameters.ToDictionary(p => p.Name, p => (object)new Dictionary<string,
                string> { ["type"] = p.Type, ["description"] = p.Description }),
            ["required"] = parameters.Where(p => p.Required).Select(p => p.Name).ToArray(),
            ["additionalProperties"] = false,
        };
        return new ToolDefinition(name, description, JsonSerializer.SerializeToElement(schema));
    }
}
