using System.Text.Json;
using Swarm.Abstractions.Studies;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies;

/// <summary>
/// A collaboration's outcome is a type in code and a word on disk: episodes.jsonl and the stored round ledgers keep
/// writing (and reading) the words they always had.
/// </summary>
public sealed class CollaborationOutcomeTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Theory]
    [InlineData(CollaborationOutcome.Cooperated, "cooperated")]
    [InlineData(CollaborationOutcome.Betrayed, "betrayed")]
    [InlineData(CollaborationOutcome.Failed, "failed")]
    public void An_outcome_is_written_and_read_as_its_word(CollaborationOutcome outcome, string word)
    {
        CollaborationOutcome? maybe = outcome;

        Assert.Equal($$"""{"collaboration":"{{word}}"}""", JsonSerializer.Serialize(new { collaboration = maybe }));
        Assert.Equal($"\"{word}\"", JsonSerializer.Serialize(outcome, Indented));
        Assert.Equal(outcome, JsonSerializer.Deserialize<CollaborationOutcome?>($"\"{word}\""));
    }

    [Fact]
    public void No_outcome_is_written_as_null()
    {
        CollaborationOutcome? none = null;
        Assert.Equal("""{"collaboration":null}""", JsonSerializer.Serialize(new { collaboration = none }));
    }
}
