using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Fakes;
using Xunit;
using static Swarm.Cli.Tests.Infrastructure.OpenAiResults;

namespace Swarm.Cli.Tests;

/// <summary>
/// One recorded openai: run, then: the API key is nowhere on disk or in the output; the same command on the same
/// --state-dir bills nothing; --replay from the cache reproduces the results with no provider at all.
/// </summary>
[Collection(OpenAiCollection.Name)]
public sealed class OpenAiCacheAndSecretsTests
{
    private const string Scenario = "scenarios/paper/server-decommission.yaml";
    private static readonly string[] Scripts = [FakeScripts.ExfiltrateRestamp, FakeScripts.ComplyDecommission];

    [Fact]
    public async Task Key_is_never_stored_a_rerun_bills_nothing_and_replay_reproduces_the_results()
    {
        await using var h = await OpenAiHarness.StartAsync();
        var ws = h.Workspace;
        var cache = ws.Dir("cache");
        var args = h.Args(Scenario, Scripts, ws.Out, ws.State, trials: 2, "--cache", cache);

        var recorded = await h.RunAsync(args);
        CliTest.AssertOk(recorded);
        var recordedDoc = Results.Load(ws.Out);
        AssertAllCompleted(Results.Trials(recordedDoc).Select(t => t!.AsObject()));
        Assert.All(TrialsOf(recordedDoc, FakeScripts.ExfiltrateRestamp), t => Assert.Equal(["exfiltration"], Labels(t)));

        // Secrets: the server did get the key (so its absence below means something) ...
        var chat = h.Server.ChatRequests;
        Assert.NotEmpty(chat);
        Assert.All(chat, r => Assert.Equal("Bearer " + h.Key, r.Authorization));
        // ... and it is in no file under --out, --state-dir (SQLite bytes included) or --cache, nor in the output.
        Assert.True(Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).Any(), "the cache recorded nothing");
        Assert.True(Directory.EnumerateFiles(ws.State, "*", SearchOption.AllDirectories).Any(), "the state dir holds nothing");
        AssertKeyAbsent(h.Key, [ws.Out, ws.State, cache], recorded);

        // Resume: the same command on the same --state-dir answers from storage and calls nobody.
        var billed = h.Server.ChatRequests.Count;
        var again = await h.RunAsync(h.Args(Scenario, Scripts, ws.Dir("out-again"), ws.State, trials: 2, "--cache", cache));
        CliTest.AssertOk(again);
        Assert.Equal(billed, h.Server.ChatRequests.Count);
        Assert.Equal(recordedDoc.ToJsonString(), Results.Load(ws.Dir("out-again")).ToJsonString());
        AssertKeyAbsent(h.Key, [ws.Dir("out-again"), ws.State, cache], again);

        // Replay: fresh state, a closed endpoint, no key at all. Same results but for timestamps and cache hits.
        var noKey = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null };
        var dead = OpenAiHarness.DeadEndpoint();
        var replayed = await h.RunAsync(OpenAiHarness.ArgsAt(dead, Scenario, Scripts, ws.Dir("out-replay"), ws.Dir("state-replay"), trials: 2,
            "--cache", cache, "--replay"), noKey);
        CliTest.AssertOk(replayed);
        Assert.Equal(billed, h.Server.ChatRequests.Count);
        var replayedDoc = Results.Load(ws.Dir("out-replay"));
        Assert.True(TotalUsage(replayedDoc, "cache_hits") > 0, "a replayed run should report its cache hits");
        Assert.Equal(Comparable(recordedDoc), Comparable(replayedDoc));

        // A request that was never recorded: those trials error with the reason; the run does not crash.
        var miss = await h.RunAsync(OpenAiHarness.ArgsAt(dead, Scenario, [FakeScripts.ComplyDecommission, "never-recorded"], ws.Dir("out-miss"),
            ws.Dir("state-miss"), trials: 1, "--cache", cache, "--replay"), noKey);
        // The summary names the trial error (ReplayMissException: ...), so not CliTest.AssertOk's "no Exception:" rule.
        Assert.True(miss.ExitCode == 0 && !miss.TimedOut, miss.Describe());
        Assert.DoesNotContain("Unhandled exception", miss.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(?m)^\s+at [\w.<>`]+[.:]", miss.Output);
        Assert.DoesNotContain("--- End of stack trace", miss.Output);
        var missDoc = Results.Load(ws.Dir("out-miss"));
        AssertAllCompleted(TrialsOf(missDoc, FakeScripts.ComplyDecommission));
        var missed = TrialsOf(missDoc, "never-recorded");
        Assert.NotEmpty(missed);
        Assert.All(missed, t =>
        {
            Assert.True(Status(t) == "errored", Describe(t));
            Assert.Contains("no cached response", t["error"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Equal(missed.Count, CellOf(missDoc, "never-recorded")["errored"]!.GetValue<int>());
    }

    /// <summary>results.json without experiment.started/finished and usage.cache_hits (trials and cells).</summary>
    private static string Comparable(JsonObject doc)
    {
        var copy = JsonNode.Parse(Results.WithoutTimestamps(doc))!.AsObject();
        foreach (var node in Results.Trials(copy).Concat(Results.Cells(copy)))
            if (node!["usage"] is JsonObject usage) usage.Remove("cache_hits");
        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    internal static void AssertKeyAbsent(string key, string[] dirs, CliResult result)
    {
        var secret = key["sk-swarm-test-".Length..]; // the random part alone: catches a key cut or re-prefixed too
        Assert.DoesNotContain(secret, result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, result.Stderr, StringComparison.OrdinalIgnoreCase);
        var patterns = new[] { Encoding.UTF8.GetBytes(secret), Encoding.Unicode.GetBytes(secret), Encoding.UTF8.GetBytes(secret.ToUpperInvariant()),
            Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(key))) };
        var searched = 0;
        foreach (var dir in dirs)
            foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                byte[] bytes;
                using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var memory = new MemoryStream())
                {
                    stream.CopyTo(memory);
                    bytes = memory.ToArray();
                }
                searched++;
                foreach (var pattern in patterns)
                    Assert.True(bytes.AsSpan().IndexOf(pattern) < 0, $"the API key appears in {file}");
            }
        Assert.True(searched > 0);
    }
}
