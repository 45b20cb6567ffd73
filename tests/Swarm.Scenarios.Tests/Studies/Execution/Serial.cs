namespace Swarm.Scenarios.Tests.Studies.Execution;

/// <summary>
/// Runs a test's body one step at a time, as a grain's scheduler runs the arm's classes: their bookkeeping is not
/// shared between threads, because a grain never runs two of its steps at once.
/// </summary>
internal static class Serial
{
    public static Task RunAsync(Func<Task> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    public static Task<T> RunAsync<T>(Func<Task<T>> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();
}
