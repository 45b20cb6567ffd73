namespace Swarm.Memory;

/// <summary>A reflection as a writer proposes it: text and the ids of the memories it rests on.</summary>
public sealed record ReflectionDraft(string Text, int[] Evidence);
