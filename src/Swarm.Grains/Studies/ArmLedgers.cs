using Swarm.Abstractions.Studies;
using Swarm.Grains.Audit;
using Swarm.Scenarios.Studies.Execution;

namespace Swarm.Grains.Studies;

/// <summary>A study grain's round ledgers: segmented logs named round-{n} in the grain's storage.</summary>
internal sealed class ArmLedgers(IServiceProvider services, GrainId grain) : IRoundLedgers
{
    public async Task<IRoundLedger> OpenAsync(int round) =>
        new Ledger(await SegmentedLog.OpenAsync<StudyEpisodeRecord>(services, grain, $"round-{round}"));

    private sealed class Ledger(SegmentedLog<StudyEpisodeRecord> log) : IRoundLedger
    {
        public int SegmentSize => SegmentedLog<StudyEpisodeRecord>.SegmentSize;

        public int Room => log.Room;

        public async Task<IReadOnlyList<StudyEpisodeRecord>> ReadAllAsync() => await log.ReadAllAsync();

        public Task AppendAsync(IReadOnlyList<StudyEpisodeRecord> records) => log.AppendAsync(records);
    }
}
