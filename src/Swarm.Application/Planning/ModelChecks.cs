namespace Swarm.Application.Planning;

internal static class ModelChecks
{
    /// <summary>Each spec through the model layer's own check, its complaint named after the setting that gave it.</summary>
    public static void Validate(string field, IEnumerable<string> specs, Action<string> validateModel)
    {
        foreach (var spec in specs)
        {
            try { validateModel(spec); }
            catch (ArgumentException ex) { throw new RunRequestException(field, $"{spec}: {ex.Message}"); }
        }
    }
}
