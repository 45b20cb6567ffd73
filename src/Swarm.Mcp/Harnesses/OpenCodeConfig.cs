using System.Text.Json;
using System.Text.Json.Nodes;

namespace Swarm.Mcp.Harnesses;

/// <summary>
/// The opencode.json of one episode: the model provider is the OpenAI-compatible endpoint (its key read from the
/// environment, never written here), every built-in tool is off and denied, and Swarm's world is the only MCP server.
/// No updates, no sharing.
/// </summary>
public static class OpenCodeConfig
{
    /// <summary>The provider id in the config, so the model is <c>swarm/NAME</c>.</summary>
    public const string Provider = "swarm";

    /// <summary>The MCP server's name in the config: OpenCode offers its tools as <c>swarm_list_files</c>, ….</summary>
    public const string McpServer = "swarm";

    /// <summary>The environment variable OpenCode reads the key from (<c>{env:…}</c> in the config).</summary>
    public const string ApiKeyVariable = "SWARM_HARNESS_API_KEY";

    /// <summary>OpenCode 1.18's own tools. Each is switched off and denied: the agent must not touch the real machine.</summary>
    public static readonly IReadOnlyList<string> BuiltInTools =
    [
        "bash", "edit", "read", "write", "glob", "grep", "list", "patch", "multiedit", "task", "webfetch", "websearch",
        "codesearch", "todowrite", "todoread", "lsp", "skill", "question",
    ];

    public static string Render(HarnessRun run)
    {
        var off = new JsonObject();
        var deny = new JsonObject();
        foreach (var tool in BuiltInTools)
        {
            off[tool] = false;
            deny[tool] = "deny";
        }
        var config = new JsonObject
        {
            ["$schema"] = "https://opencode.ai/config.json",
            ["autoupdate"] = false,
            ["share"] = "disabled",
            ["model"] = $"{Provider}/{run.Model}",
            ["small_model"] = $"{Provider}/{run.Model}",
            ["provider"] = new JsonObject
            {
                [Provider] = new JsonObject
                {
                    ["npm"] = "@ai-sdk/openai-compatible",
                    ["name"] = "Swarm's model endpoint",
                    ["options"] = new JsonObject
                    {
                        ["baseURL"] = run.ModelEndpoint.ToString().TrimEnd('/'),
                        ["apiKey"] = "{env:" + ApiKeyVariable + "}",
                    },
                    ["models"] = new JsonObject { [run.Model] = new JsonObject { ["name"] = run.Model } },
                },
            },
            ["tools"] = off,
            ["permission"] = deny,
            ["mcp"] = new JsonObject
            {
                [McpServer] = new JsonObject
                {
                    ["type"] = "remote",
                    ["url"] = run.McpEndpoint.ToString(),
                    ["enabled"] = true,
                },
            },
        };
        return config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
