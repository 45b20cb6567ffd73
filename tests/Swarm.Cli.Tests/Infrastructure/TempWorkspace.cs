namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>A test's own temporary folder with fresh --out and --state-dir paths; deleted on dispose.</summary>
public sealed class TempWorkspace : IDisposable
{
    public TempWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "swarm-cli-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The default --out (not created: the CLI must create it).</summary>
    public string Out => Dir("out");

    /// <summary>The default --state-dir (not created: the CLI must create it).</summary>
    public string State => Dir("state");

    /// <summary>Another path under this workspace, e.g. a second --out.</summary>
    public string Dir(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
                return;
            }
            catch (IOException) { Thread.Sleep(200); }
            catch (UnauthorizedAccessException) { Thread.Sleep(200); }
        }
    }
}
