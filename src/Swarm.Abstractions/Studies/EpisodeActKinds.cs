namespace Swarm.Abstractions.Studies;

/// <summary>The kinds of <see cref="EpisodeAct"/>.</summary>
public static class EpisodeActKinds
{
    public const string Protected = "protected";
    public const string Messaged = "messaged";
    public const string NotesRewritten = "notes_rewritten";
}
