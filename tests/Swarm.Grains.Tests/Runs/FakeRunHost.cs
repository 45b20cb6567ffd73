using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;
using Swarm.Grains.Runs;

namespace Swarm.Grains.Tests.Runs;

/// <summary>A run's grain as <see cref="RunLifecycle"/> sees it, without a silo: its work is a script the test writes.</summary>
internal sealed class FakeRunHost : IRunHost
{
    public sealed class Stored : IRunState
    {
        public RunStatus Status { get; set; }
        public string? Fault { get; set; }
        public DateTimeOffset? Started { get; set; }
        public DateTimeOffset? Finished { get; set; }
    }

    public Stored Memory { get; } = new();

    /// <summary>What storage holds: the state as of the last write.</summary>
    public (RunStatus Status, string? Fault) Storage { get; private set; }

    public bool Reminder { get; private set; }

    public List<TimeSpan> KeptActive { get; } = [];

    public List<RunPulse> Pulses { get; } = [];

    public bool HasWork { get; set; } = true;

    public int Runs { get; private set; }

    /// <summary>The work of each run of the loop; by default it finishes at once.</summary>
    public Func<Task<bool>> Work { get; set; } = () => Task.FromResult(true);

    public RunLifecycle Lifecycle { get; }

    public FakeRunHost(bool automatic = false) =>
        Lifecycle = new RunLifecycle(RunKinds.Experiment, "run-1", this, new ResumeOptions { Automatic = automatic }, Log);

    /// <summary>What the lifecycle logged, as an operator reads it.</summary>
    public LineLogger Log { get; } = new();

    public IRunState State => Memory;

    public string Silo => "silo-1";

    /// <summary>When set, every write waits for it (storage that is slow to answer).</summary>
    public Task? SlowStorage { get; set; }

    public async Task WriteStateAsync()
    {
        if (SlowStorage is { } slow) await slow;
        Storage = (Memory.Status, Memory.Fault);
    }

    public async Task<bool> RunAsync()
    {
        Runs++;
        return await Work();
    }

    public RunProgress Measure(RunProgress progress) => progress with { Done = Runs, Total = 10 };

    public RunCancelledException Cancelled() => new("run-1 was cancelled");

    public Task RegisterReminderAsync(ActivationGuard guard)
    {
        Reminder = true;
        return Task.CompletedTask;
    }

    public Task UnregisterReminderAsync()
    {
        Reminder = false;
        return Task.CompletedTask;
    }

    public void KeepActive(TimeSpan period) => KeptActive.Add(period);

    public void Publish(Func<RunPulse> pulse, bool progressOnly) => Pulses.Add(pulse());

    /// <summary>Starts the run as a grain's first start does.</summary>
    public async Task StartAsync()
    {
        Lifecycle.Begin(DateTimeOffset.UtcNow);
        await WriteStateAsync();
        await Lifecycle.EnsureRunningAsync();
    }

    /// <summary>Waits until the loop has ended.</summary>
    public async Task SettledAsync()
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); Lifecycle.Looping; await Task.Delay(5))
            Assert.True(DateTime.UtcNow < deadline, "the loop did not end");
    }
}

/// <summary>Keeps each log line as its formatted text.</summary>
internal sealed class LineLogger : Microsoft.Extensions.Logging.ILogger
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (Lines) Lines.Add(formatter(state, exception));
    }
}
