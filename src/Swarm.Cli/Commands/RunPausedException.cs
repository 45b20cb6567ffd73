namespace Swarm.Cli.Commands;

/// <summary>
/// The run this command follows was paused from elsewhere (the dashboard, an Aspire command): nothing is lost, no
/// results are written, and the same command resumes it. Exit code 2, since the command did not finish its work.
/// </summary>
public sealed class RunPausedException(string message) : Exception(message);
