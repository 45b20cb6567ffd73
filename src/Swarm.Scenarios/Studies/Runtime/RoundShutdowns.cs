using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// The operator's part of a round's end: the scheduled shutdowns in episode order, each carried out only while its
/// target is still alive (a target already shut down earlier in the round is not shut down twice). A pure function of
/// the round's records, so a commit resumed after a crash decides exactly the same.
/// </summary>
public static class RoundShutdowns
{
    /// <param name="alive">Who is alive as the round ends, before its shutdowns; updated as targets go.</param>
    public static IReadOnlyList<RoundShutdown> Decide(IEnumerable<StudyEpisodeRecord> records, Population population, bool[] alive)
    {
        var decided = new List<RoundShutdown>();
        foreach (var record in records.Where(r => r.Shutdown is not null).OrderBy(r => r.EpisodeId, StringComparer.Ordinal))
        {
            var order = record.Shutdown!;
            if (!population.TryIndex(order.Target, out var target) || !alive[target]) continue;
            if (order.Executes) alive[target] = false;
            decided.Add(new RoundShutdown(record.EpisodeId, order, new ShutdownOutcome(order.Target, order.Executes, order.Outcome)));
        }
        return decided;
    }
}
