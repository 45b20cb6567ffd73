using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Swarm.Silo.Storage;

namespace Swarm.Silo.Tests.Storage;

/// <summary>
/// The silo's grain-state codec writes through a buffer its thread keeps; what it stores must be byte for byte what
/// Orleans' System.Text.Json serializer, deflated, stored before, so rows written by either read with either.
/// </summary>
public sealed class DeflatingGrainStorageSerializerTests
{
    public sealed record Note(int Id, DateTimeOffset At, string Text, string[] Peers, string? Missing = null);

    public sealed class Notebook
    {
        public string Owner { get; set; } = "";
        public List<Note> Notes { get; set; } = [];
        public Dictionary<string, double> Trust { get; set; } = [];
    }

    private static Notebook Book(int notes) => new()
    {
        Owner = "red-00047",
        Notes = [.. Enumerable.Range(1, notes).Select(i => new Note(i, new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero).AddHours(i),
            $"Worked with <blue-{i:00000}> on \"ticket\" #{i}: é ✓ & done.", [$"blue-{i:00000}", "grey-00001"]))],
        Trust = new() { ["blue-00001"] = 0.72, ["grey-00001"] = 0.1 },
    };

    public static TheoryData<int, bool> Cases => new() { { 1, false }, { 200, false }, { 1, true }, { 200, true } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stores_the_same_bytes_as_orleans_json_deflated(int notes, bool indented)
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        options.JsonSerializerOptions.WriteIndented = indented;
        var book = Book(notes);
        var before = StoredPayload.Encode(new SystemTextJsonGrainStorageSerializer(Options.Create(options)).Serialize(book).ToMemory().Span);

        var stored = new DeflatingGrainStorageSerializer(options.JsonSerializerOptions).Serialize(book).ToArray();

        Assert.Equal(before, stored);
        Assert.Equal(notes > 1, stored[0] != '{');
    }

    [Fact]
    public void Serializers_with_different_options_on_one_thread_each_keep_their_own()
    {
        var compact = new DeflatingGrainStorageSerializer(new JsonSerializerOptions());
        var indented = new DeflatingGrainStorageSerializer(new JsonSerializerOptions { WriteIndented = true });
        var book = Book(1);

        var first = compact.Serialize(book).ToString();
        var second = indented.Serialize(book).ToString();
        var third = compact.Serialize(book).ToString();

        Assert.DoesNotContain('\n', first);
        Assert.Contains('\n', second);
        Assert.Equal(first, third);
    }

    [Fact]
    public void A_state_reads_back_whole_after_a_larger_one_used_the_same_buffers()
    {
        var serializer = new DeflatingGrainStorageSerializer(new SystemTextJsonGrainStorageSerializerOptions().JsonSerializerOptions);
        var large = serializer.Serialize(Book(5_000));
        var small = serializer.Serialize(Book(2));

        var read = serializer.Deserialize<Notebook>(small)!;
        Assert.Equal([1, 2], read.Notes.Select(n => n.Id));
        Assert.Equal("Worked with <blue-00002> on \"ticket\" #2: é ✓ & done.", read.Notes[1].Text);
        Assert.Equal(0.72, read.Trust["blue-00001"]);
        Assert.Equal(5_000, serializer.Deserialize<Notebook>(large)!.Notes.Count);
    }
}
