namespace Swarm.Testing.Servers;

/// <summary>Finds a server's executable on PATH, or says how to install it.</summary>
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
}
