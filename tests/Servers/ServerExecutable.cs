namespace Swarm.Testing.Servers;

/// <summary>Finds a server's executable on PATH, or says how to install it; stops a server it started.</summary>
public static class ServerExecutable
{
    public static string Find(string name, string installHint)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{name} is not installed on this machine: {installHint} (.ci/run does this before the tests)", name);
    }

    /// <summary>Stops a server and whatever it started, and waits for it to be gone (it may already have exited).</summary>
    public static async Task StopAsync(System.Diagnostics.Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        process.Dispose();
    }
}
