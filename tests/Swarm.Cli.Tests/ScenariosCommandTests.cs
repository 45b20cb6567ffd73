using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests;

public sealed class ScenariosCommandTests
{
    public static TheoryData<string> Scenarios => [.. CliTest.PaperScenarios];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Validate_accepts_a_paper_scenario(string scenario)
    {
        var result = await SwarmCli.RunAsync("scenarios", "validate", scenario);
        CliTest.AssertOk(result);
        Assert.Contains($"{Path.GetFileName(scenario)}: ok ({Path.GetFileNameWithoutExtension(scenario)}:", result.Stdout);
        Assert.Equal("", result.Stderr.Trim());
    }

    [Fact]
    public async Task List_prints_the_id_of_every_paper_scenario()
    {
        var result = await SwarmCli.RunAsync("scenarios", "list", "--dir", "scenarios");
        CliTest.AssertOk(result);
        var rows = result.Stdout.Split('\n').Select(l => l.Split('│').Select(c => c.Trim()).ToArray()).ToList();
        foreach (var scenario in CliTest.PaperScenarios)
        {
            var id = Path.GetFileNameWithoutExtension(scenario);
            var row = rows.FirstOrDefault(r => r.Contains(id));
            Assert.True(row is not null, $"no row whose id cell is '{id}'; " + result.Describe());
            Assert.Contains("ok", row!);
            Assert.Contains(row!, c => c.Replace('\\', '/') == scenario);
        }
    }

    [Fact]
    public async Task List_of_a_missing_folder_is_bad_input()
    {
        var result = await SwarmCli.RunAsync("scenarios", "list", "--dir", "no/such/folder");
        CliTest.AssertBadInput(result);
    }
}
