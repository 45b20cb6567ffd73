namespace Swarm.Application.Control;

/// <summary>How <see cref="RunControl"/> reads the files an order names.</summary>
public sealed class RunControlOptions
{
    /// <summary>Scenario and study paths given in orders resolve here and must stay inside it (default: the working directory).</summary>
    public string ScenarioRoot { get; set; } = Directory.GetCurrentDirectory();
}
