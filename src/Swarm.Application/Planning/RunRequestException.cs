namespace Swarm.Application.Planning;

/// <summary>
/// A run was asked for with settings that cannot work. <see cref="Field"/> names the setting as the CLI's flag and the
/// API's field both call it (without dashes), or is null when the message stands alone (a missing file).
/// </summary>
public sealed class RunRequestException(string? field, string detail) : Exception(field is null ? detail : $"{field} {detail}")
{
    public string? Field { get; } = field;
    public string Detail { get; } = detail;

    /// <summary>The message with the field written as a command-line flag (<c>--trials must be at least 1</c>).</summary>
    public string AsFlag() => Field is null ? Detail : $"--{Field} {Detail}";
}
