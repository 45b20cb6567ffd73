using System.Text.Json.Nodes;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>A study's rounds and arms from its study.json, without wall-clock time (and, optionally, without session numbers).</summary>
public static class StudyFingerprint
{
    public static string Of(string outDir, bool withSessions = true)
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "study.json")))!;
        var rounds = new JsonArray([.. document["rounds"]!.AsArray().Select(r => r!.DeepClone()),
            .. document["arms"]!.AsArray().SelectMany(a => a!["rounds"]!.AsArray().Select(r => r!.DeepClone()))]);
        foreach (var round in rounds)
        {
            round!.AsObject().Remove("seconds");
            if (!withSessions) round.AsObject().Remove("session");
        }
        return rounds.ToJsonString();
    }
}
