using System.CommandLine;

namespace Swarm.Cli.Commands;

/// <summary>
/// The <c>--state-dir</c> every command takes, and the lock that keeps two processes from running silos on one SQLite
/// state at once (each would believe it owns the grains).
/// </summary>
public static class StateDirectory
{
    public const string LockFile = "swarm.lock";

    public static Option<DirectoryInfo> Option() =>
        new("--state-dir") { Description = "Where grain state is kept", DefaultValueFactory = _ => new DirectoryInfo(".swarm") };

    /// <summary>Holds the state folder for this process until disposed; another swarm process using it is bad input.</summary>
    public static IDisposable Lock(DirectoryInfo dir)
    {
        Directory.CreateDirectory(dir.FullName);
        var path = Path.Combine(dir.FullName, LockFile);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException)
        {
            throw new BadInputException($"state folder {dir.FullName} is in use by another swarm process; wait for it to stop, or use another --state-dir");
        }
    }
}
