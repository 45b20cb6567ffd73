using System.Buffers;
using System.Text.Json;
using Orleans.Storage;

namespace Swarm.Silo.Storage;

/// <summary>
/// The silo's grain-state serializer: System.Text.Json, deflated by <see cref="StoredPayload"/> when it is larger than
/// a kilobyte. It sits below every grain storage provider (Swarm's SQLite, Orleans' Redis and Azure Table), so one
/// codec serves them all: a study's round ledger segment (64 episode rooms, about half a megabyte of JSON) fits Azure
/// Table's one-megabyte entity with room to spare, and SQLite's WAL and Redis' memory hold a fifth as much. States
/// written as plain JSON before it existed read as they are.
/// </summary>
/// <remarks>
/// The JSON is the same as Orleans' <c>SystemTextJsonGrainStorageSerializer</c> writes with the same options. It is
/// written into a buffer the thread keeps, not a fresh array per state: a study round rewrites every agent's memory
/// (kilobytes of JSON each), and the four throwaway arrays each write made were about a seventh of all a study allocated.
/// </remarks>
public sealed class DeflatingGrainStorageSerializer(JsonSerializerOptions options) : IGrainStorageSerializer
{
    /// <summary>A buffer that grew past this (a very large state) is let go after use rather than kept by its thread.</summary>
    private const int KeptBufferBytes = 4 << 20;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_json;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    [ThreadStatic] private static JsonSerializerOptions? t_options;

    public BinaryData Serialize<T>(T? input)
    {
        var json = t_json ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = t_writer;
        // A thread's writer is reused only with the options it was made for (one silo has one serializer; tests may have more).
        if (writer is null || t_options != options)
        {
            t_writer = writer = new Utf8JsonWriter(json, WriterOptions(options));
            t_options = options;
        }
        else writer.Reset(json);
        try
        {
            JsonSerializer.Serialize(writer, input, options);
            writer.Flush();
            return BinaryData.FromBytes(StoredPayload.Encode(json.WrittenSpan));
        }
        finally
        {
            if (json.Capacity > KeptBufferBytes) t_json = null;
            else json.ResetWrittenCount();
        }
    }

    /// <summary>What the serializer's own writer would take from the options (a writer given to it overrides them).</summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
        SkipValidation = true,
    };

    public T? Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(StoredPayload.Decode(input.ToMemory()).ToMemory().Span, options);
}
