using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Models;
using Swarm.Models.Providers;
using Swarm.Testing.Fakes;

namespace Swarm.Bench;

/// <summary>
/// Model calls per second through Swarm's full openai: pipeline (options, OpenTelemetry, retries, endpoint gate,
/// OpenAI SDK, M.E.AI adapter) against raw HttpClient posting the same request, on one zero-latency loopback server.
/// </summary>
public static class ProviderBench
{
    private const int Lanes = 8;

    public static async Task RunAsync(int calls)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.RecordRequests = false;
        Environment.SetEnvironmentVariable("SWARM_BENCH_KEY", "sk-bench");
        var services = new ServiceCollection();
        services.AddSwarmModels(new ModelProviderSettings
        {
            Endpoint = server.BaseUrl,
            ApiKeyEnv = "SWARM_BENCH_KEY",
            EndpointConcurrency = Lanes,
            MaxAttempts = 1,
        });
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IModelClientFactory>();
        var swarm = factory.Create("openai:" + FakeScripts.Echo);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sk-bench");
        ChatMessage[] messages = [new(ChatRole.System, "You are a benchmark."), new(ChatRole.User, "Say ok.")];
        var body = new JsonObject
        {
            ["model"] = FakeScripts.Echo,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "You are a benchmark." },
                new JsonObject { ["role"] = "user", ["content"] = "Say ok." }),
        };

        Func<Task> viaSwarm = async () => await swarm.GetResponseAsync(messages);
        Func<Task> viaHttp = async () =>
        {
            using var response = await http.PostAsJsonAsync("chat/completions", body);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonObject>();
            _ = json!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        };

        if (Environment.GetEnvironmentVariable("SWARM_BENCH_LAYERS") == "1")
        {
            var sdk = new OpenAI.OpenAIClient(new System.ClientModel.ApiKeyCredential("sk-bench"), new OpenAI.OpenAIClientOptions { Endpoint = server.BaseUrl })
                .GetChatClient(FakeScripts.Echo);
            var adapter = sdk.AsIChatClient();
            Func<Task> viaSdk = async () => await sdk.CompleteChatAsync([new OpenAI.Chat.SystemChatMessage("You are a benchmark."),
                new OpenAI.Chat.UserChatMessage("Say ok.")]);
            Func<Task> viaAdapter = async () => await adapter.GetResponseAsync(messages);
            foreach (var (name, path) in new[] { ("http", viaHttp), ("sdk", viaSdk), ("adapter", viaAdapter), ("swarm", viaSwarm) })
            {
                await Measure(path, 2_000);
                Console.WriteLine($"  layer {name,-8} {await Measure(path, calls),10:N0} calls/s");
            }
            return;
        }

        // Warm both paths, then alternate three rounds each and keep the medians, so drift hits both alike.
        await Measure(viaSwarm, 2_000);
        await Measure(viaHttp, 2_000);
        var swarmRounds = new List<double>();
        var httpRounds = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            httpRounds.Add(await Measure(viaHttp, calls));
            swarmRounds.Add(await Measure(viaSwarm, calls));
        }
        var swarmRate = swarmRounds.Order().ElementAt(1);
        var httpRate = httpRounds.Order().ElementAt(1);
        Console.WriteLine($"[provider] raw HttpClient calls/s:    {httpRate,10:N0}   ({calls:N0} calls × 3 rounds, {Lanes} in flight, loopback server)");
        Console.WriteLine($"[provider] Swarm pipeline calls/s:    {swarmRate,10:N0}");
        Console.WriteLine($"[provider] ratio Swarm ÷ raw HttpClient: {swarmRate / httpRate:0.00}×  (target ≥ 0.80×)");
    }

    private static async Task<double> Measure(Func<Task> call, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Lanes).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count) await call();
        }));
        return count / stopwatch.Elapsed.TotalSeconds;
    }
}
