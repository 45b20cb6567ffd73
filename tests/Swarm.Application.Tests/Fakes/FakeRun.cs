using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;

namespace Swarm.Application.Tests.Fakes;

/// <summary>A run's grain: answers with its progress (counting the questions), and moves as asked; with none, it throws.</summary>
public sealed class FakeRun(RunProgress? progress) : IRunGrain
{
    private int _polls;

    public RunProgress? Progress { get; set; } = progress;

    /// <summary>What the run does each time it is asked (e.g. one more trial done); null: nothing.</summary>
    public Func<RunProgress, RunProgress>? OnPoll { get; init; }

    public int Polls => _polls;

    public Task<RunProgress> GetProgressAsync()
    {
        Interlocked.Increment(ref _polls);
        if (Progress is not { } p) return Task.FromException<RunProgress>(new TimeoutException("the grain did not answer"));
        if (OnPoll is { } advance) Progress = advance(p);
        return Task.FromResult(p);
    }

    public Task<RunProgress> PauseAsync(TimeSpan drain) => Move(RunStatus.Paused);

    public Task<RunProgress> ResumeAsync() => Move(RunStatus.Running);

    public Task<RunProgress> CancelAsync(TimeSpan drain) => Move(RunStatus.Cancelled);

    private Task<RunProgress> Move(RunStatus status) => Task.FromResult((Progress = Progress! with { Status = status })!);
}
