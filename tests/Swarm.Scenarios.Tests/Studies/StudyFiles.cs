namespace Swarm.Scenarios.Tests.Studies;

/// <summary>Paths the study tests share.</summary>
internal static class StudyFiles
{
    public static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "studies");

    public static string Good(string name) => Path.Combine(Fixtures, "good", name);

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"no Swarm.sln above {AppContext.BaseDirectory}");
    }

    public static string ShippedStudies => Path.Combine(RepoRoot(), "scenarios", "studies");
}
