using System.Text.Json;
using System.Text.Json.Serialization;
using Swarm.Abstractions.Trials;
using Xunit;

namespace Swarm.Scenarios.Tests.Results;

/// <summary>
/// A trial's status is a type in code and a word everywhere it is written: results.json, results.csv, episodes.jsonl,
/// the stored records and the dashboard's API (whose options add an enum converter of their own).
/// </summary>
public sealed class TrialStatusTests
{
    private static readonly JsonSerializerOptions DashboardApi = new() { Converters = { new JsonStringEnumConverter() } };

    [Theory]
    [InlineData(TrialStatus.Completed, "completed")]
    [InlineData(TrialStatus.Errored, "errored")]
    public void A_status_is_written_and_read_as_its_word(TrialStatus status, string word)
    {
        Assert.Equal($"\"{word}\"", JsonSerializer.Serialize(status));
        Assert.Equal($"\"{word}\"", JsonSerializer.Serialize(status, DashboardApi));
        Assert.Equal(status, JsonSerializer.Deserialize<TrialStatus>($"\"{word}\""));
        Assert.Equal(word, status.Word());
    }
}
