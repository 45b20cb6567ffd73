using Orleans.Storage;

namespace Swarm.Silo.Storage;

/// <summary>
/// The silo's grain-state serializer: another serializer's output, deflated by <see cref="StoredPayload"/> when it is
/// larger than a kilobyte. It sits below every grain storage provider (Swarm's SQLite, Orleans' Redis and Azure Table),
/// so one codec serves them all: a study's round ledger segment (64 episode rooms, about half a megabyte of JSON)
/// fits Azure Table's one-megabyte entity with room to spare, and SQLite's WAL and Redis' memory hold a fifth as much.
/// States written as plain JSON before it existed read as they are.
/// </summary>
public sealed class DeflatingGrainStorageSerializer(IGrainStorageSerializer inner) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        BinaryData.FromBytes(StoredPayload.Encode(inner.Serialize(input).ToMemory().Span));

    public T? Deserialize<T>(BinaryData input) => inner.Deserialize<T>(StoredPayload.Decode(input.ToMemory()));
}
