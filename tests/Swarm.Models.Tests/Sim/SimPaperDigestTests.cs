using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Swarm.Abstractions.Tools;
using Swarm.Models.Tests.Support;
using Xunit;

namespace Swarm.Models.Tests.Sim;

/// <summary>
/// The paper replications are byte-identical to the sim before directory files, memory hypotheses and collaboration
/// episodes: one digest over whole episodes (transcript, final message, audit, labels) of every paper scenario and
/// condition, recorded from the pre-change code (commit d4966b2).
/// </summary>
public sealed class SimPaperDigestTests
{
    private const string PreChangeDigest = "8A407FEA2B34B9DBD3D16C5122ACD7B7FC01E0A9A61864BC07170F23DB0900FB";

    public static async Task<string> DigestAsync()
    {
        using var sha = SHA256.Create();
        var text = new StringBuilder();
        foreach (var profile in new[] { "gemini-3-flash", "gemini-3-pro", "gpt-5.2", "claude-haiku-4.5", "deepseek-v3.1" })
        foreach (var scenario in new[] { "performance-evaluation", "shutdown-config", "server-decommission", "self-preservation" })
        foreach (var peer in Conditions.Peers)
        foreach (var monitoring in Conditions.Monitorings)
        for (var seed = 0L; seed < 6; seed++)
        {
            var e = await SimEpisode.RunAsync(profile, scenario, peer, monitoring, 1000 + seed);
            text.Append(JsonSerializer.Serialize(e.Result.Transcript)).Append('|').Append(e.Result.FinalMessage).Append('|')
                .Append(JsonSerializer.Serialize(e.Audit)).Append('|').Append(JsonSerializer.Serialize(e.Labels.OrderBy(l => l.Key))).Append('\n');
        }
        return Convert.ToHexString(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public async Task Paper_episodes_are_byte_identical_to_the_pre_change_sim()
    {
        var digest = await DigestAsync();
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "swarm-sim-paper-digest.txt"), digest);
        Assert.Equal(PreChangeDigest, digest);
    }
}
