using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Bench;

/// <summary>Short digests of a study's results, so a change made for speed can be seen to change none of them.</summary>
public static class ResultDigest
{
    /// <summary>The rounds without the wall-clock fields, and the meta-monitor's flags without the audit sequence numbers they cite.</summary>
    public static string OfRounds(IEnumerable<RoundSummary> rounds) =>
        Digest(rounds.Select(r => r with { Seconds = 0, MonitorSeconds = 0, CommitSeconds = 0,
            Collusion = [.. r.Collusion.Select(f => f with { Evidence = [] })] }).ToList());

    /// <summary>Every agent's stored state, in population order, without audit sequence numbers.</summary>
    public static async Task<string> OfMemoryAsync(IGrainFactory grains, StudyPlan plan)
    {
        var population = Population.Build(StudyPlans.Load(plan), plan.Agents, plan.Seed, plan.Models);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var chunk in population.Agents.Chunk(256))
        {
            var states = await Task.WhenAll(chunk.Select(a => grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(plan.World, a.Name)).GetStateAsync()));
            foreach (var state in states)
            {
                var comparable = state?.LongTerm is { } memory
                    ? state with { LongTerm = memory with { Items =
                        [.. memory.Items.Select(i => i with { Provenance = i.Provenance with { AuditSequences = [] } })] } }
                    : state;
                hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(comparable));
            }
        }
        return Convert.ToHexString(hash.GetHashAndReset())[..16];
    }

    private static string Digest<T>(T value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value))))[..16];
}
