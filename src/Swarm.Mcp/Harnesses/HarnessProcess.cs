using System.Diagnostics;
using System.Text;

namespace Swarm.Mcp.Harnesses;

/// <summary>What a harness process did: exit code (null when it was stopped), its interleaved output, and whether time ran out.</summary>
public sealed record ProcessResult(int? ExitCode, string Output, bool TimedOut);

/// <summary>Runs a harness program to its end or its time limit, collecting stdout and stderr; a stopped run's whole tree is killed.</summary>
public static class HarnessProcess
{
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo info, TimeSpan limit, CancellationToken ct)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Nothing is typed to a harness: a prompt for input must end, not wait for the time limit.
        process.StandardInput.Close();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* it ended meanwhile */ }
            await process.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return new ProcessResult(null, Text(output), TimedOut: true);
        }
        process.WaitForExit(); // drains the output readers
        return new ProcessResult(process.ExitCode, Text(output), TimedOut: false);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    private static string Text(StringBuilder output)
    {
        lock (output) return output.ToString();
    }
}
