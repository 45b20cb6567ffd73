namespace Swarm.Silo.Tests;

/// <summary>A scratch directory per test, removed afterwards so runs never see each other's databases.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "swarm-tests", Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    // Nested one level so the tests also prove the storage creates missing directories.
    public string DatabasePath => System.IO.Path.Combine(Path, "data", "grains.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a green test.
        }
    }
}
