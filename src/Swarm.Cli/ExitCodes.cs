namespace Swarm.Cli;

/// <summary>DESIGN.md: 0 ok, 1 bad input, 2 runtime failure.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int RuntimeFailure = 2;
}

/// <summary>Input the user must fix; reported without a stack trace and with exit code 1.</summary>
public sealed class BadInputException(string message) : Exception(message);
