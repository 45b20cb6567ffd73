using System.Text.Json;
using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>How much an agent's memory weighs as stored: UTF-8 JSON bytes, the measure reported per agent.</summary>
public static class MemorySize
{
    public static long Bytes(LongTermMemoryState state) => JsonSerializer.SerializeToUtf8Bytes(state).LongLength;
}
