namespace Swarm.Abstractions.Trials;

/// <summary>A trial's status as the word the results format writes, for the places that write text rather than JSON.</summary>
public static class TrialStatusWords
{
    public static string Word(this TrialStatus status) => EnumWords.Of(status);
}
