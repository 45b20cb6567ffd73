namespace Swarm.Scenarios.Studies;

/// <summary><c>transcripts: {sample?}</c>: the share of episodes, in [0, 1], whose full transcript is kept.</summary>
public sealed record TranscriptSettings(double Sample)
{
    public static readonly TranscriptSettings Default = new(0.02);
}
