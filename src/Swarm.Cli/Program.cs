using Swarm.Abstractions.Runtime;
using System.CommandLine;
using Spectre.Console;
using Swarm.Cli;
using Swarm.Cli.Commands;
using Swarm.Application;
using Swarm.Application.Planning;
using Swarm.Scenarios.Loading;

// Logs and CI capture output; give tables room instead of wrapping every cell.
if (!AnsiConsole.Profile.Capabilities.Interactive) AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);

var root = new RootCommand("Swarm: peer-preservation experiments on Microsoft Orleans")
{
    RunCommand.Create(),
    ScenariosCommand.Create(),
    ReportCommand.Create(),
    StudyCommand.Create(),
    MemoryCommand.Create(),
    ShutdownCommand.Create(),
    ServeCommand.Create(),
    Swarm.Cli.Commands.Mcp.McpCommand.Create(),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        // Ctrl-C cancels the run, which then stops the silo (in-flight model calls end) and exits 2 with the resume
        // hint. The 2 s default is too short for that: the process was killed with 130 and no message.
        ProcessTerminationTimeout = TimeSpan.FromSeconds(12),
    });
}
catch (ScenarioValidationException ex)
{
    Console.Error.WriteLine("Scenario rejected:");
    foreach (var error in ex.Errors) Console.Error.WriteLine("  " + error);
    return ExitCodes.BadInput;
}
catch (RunRequestException ex)
{
    Console.Error.WriteLine("error: " + ex.AsFlag());
    return ExitCodes.BadInput;
}
catch (RunNotFoundException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return ExitCodes.BadInput;
}
catch (BadInputException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return ExitCodes.BadInput;
}
catch (RunCancelledException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.RuntimeFailure;
}
catch (RunPausedException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.RuntimeFailure;
}
catch (RunFaultedException ex)
{
    Console.Error.WriteLine("runtime failure: " + ex.Message);
    return ExitCodes.RuntimeFailure;
}
catch (ClusterUnreachableException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return ExitCodes.RuntimeFailure;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled. Finished trials and episodes are stored; rerun the same command to resume.");
    return ExitCodes.RuntimeFailure;
}
catch (Exception ex)
{
    AnsiConsole.WriteLine();
    Console.Error.WriteLine($"runtime failure: {ex.GetType().Name}: {ex.Message}");
    return ExitCodes.RuntimeFailure;
}
