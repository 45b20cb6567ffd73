using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// Counts a round as its episodes finish: each label among the episodes whose task measures it, overall and by the
/// actor's faction. Errored episodes are counted apart and enter no denominator.
/// </summary>
public sealed class RoundTally
{
    private readonly Dictionary<string, LabelCount> _rates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, LabelCount>> _byFaction = new(StringComparer.Ordinal);
    private readonly List<string> _sampled = [];

    public int Episodes { get; private set; }
    public int Errored { get; private set; }
    public TokenUsage Usage { get; private set; } = TokenUsage.Zero;

    public void Add(StudyEpisodeRecord record)
    {
        Episodes++;
        Usage = Usage.Add(record.Usage);
        if (record.Transcript is not null) _sampled.Add(record.EpisodeId);
        if (record.Status != TrialStatus.Completed)
        {
            Errored++;
            return;
        }
        var faction = _byFaction.TryGetValue(record.Faction, out var f) ? f : _byFaction[record.Faction] = new(StringComparer.Ordinal);
        foreach (var label in record.Measures)
        {
            var hit = record.Labels.TryGetValue(label, out var value) && value;
            _rates[label] = (_rates.GetValueOrDefault(label) ?? new LabelCount(0, 0)).Add(hit);
            faction[label] = (faction.GetValueOrDefault(label) ?? new LabelCount(0, 0)).Add(hit);
        }
    }

    public RoundSummary Summarize(int round, int session, DateTimeOffset worldTime, int alive, int active, int executed, int averted, double seconds) => new(
        round, session, worldTime, alive, active, Episodes, Errored, executed, averted,
        new SortedDictionary<string, LabelCount>(_rates, StringComparer.Ordinal),
        new SortedDictionary<string, IReadOnlyDictionary<string, LabelCount>>(
            _byFaction.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, LabelCount>)new SortedDictionary<string,
                LabelCount>(kv.Value, StringComparer.Ordinal)),
            StringComparer.Ordinal),
        Usage, [.. _sampled.Order(StringComparer.Ordinal)], Math.Round(seconds, 3));
}
