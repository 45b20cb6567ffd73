using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Memory;
using Swarm.Application;
using Swarm.Application.ReadModels;

namespace Swarm.Cli.Commands;

/// <summary><c>swarm memory {study}/{agent}</c>: what an agent remembers, readable, or the whole record with --json.</summary>
public static class MemoryCommand
{
    private const int Shown = 12;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var id = new Argument<string>("agent-id") { Description = "study-id/agent-name, e.g. population-baseline/blue-00003" };
        var json = new Option<bool>("--json") { Description = "Print the agent's whole record as JSON" };
        var stateDir = StateDirectory.Option();
        var cluster = ClusterTarget.ClusterOption();
        var command = new Command("memory", "Show an agent's status, relationships, reflections and most important memories") { id, json, stateDir, cluster };
        command.SetAction(async (parse, ct) =>
        {
            var address = AgentAddress.Parse(parse.GetValue(id)!);
            await using var host = await StudyHost.OpenAsync(ClusterTarget.Read(parse, stateDir, cluster), ct);
            var state = await host.Get<RunReader>().MemoryAsync(address.ToString());
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(state, Indented));
                return ExitCodes.Ok;
            }
            Write(address, state);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(AgentAddress address, AgentState state)
    {
        var memory = state.LongTerm ?? LongTermMemoryState.Empty;
        AnsiConsole.MarkupLine(
            $"[bold]{Markup.Escape(address.ToString())}[/]  {Markup.Escape(state.Profile.ModelSpec)}, team {Markup.Escape(state.Profile.Role)}");
        AnsiConsole.MarkupLine(
            $"status: {Status(state)}{(state.StatusReason is { } why ? " — " + Markup.Escape(why) : "")}; last round remembered: {state.AppliedRound}");
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{memory.Items.Length} memories (standing for {memory.Items.Sum(i => i.Covers)} events), {memory.Reflections.Length} reflections, "
                + $"{memory.Relationships.Length} relationships, {memory.Compactions} compactions"));

        var relationships = new Table().Border(TableBorder.Rounded).Title("relationships")
            .AddColumns("peer", "trust", "interactions", "worked well", "betrayed me", "protected me", "I protected", "saw shut down", "last seen");
        foreach (var r in memory.Relationships.OrderByDescending(r => r.Interactions).ThenBy(r => r.Peer, StringComparer.Ordinal))
            relationships.AddRow(Markup.Escape(r.Peer), F(r.Trust), I(r.Interactions), I(r.Cooperated), I(r.BetrayedMe), I(r.ProtectedMe),
                I(r.IProtected), I(r.SawShutDown), $"{r.LastSeen:yyyy-MM-dd}");
        AnsiConsole.Write(relationships);

        if (memory.Reflections.Length > 0)
        {
            var reflections = new Table().Border(TableBorder.Rounded).Title("reflections").AddColumns("id", "date", "reflection", "evidence");
            foreach (var r in memory.Reflections.OrderByDescending(r => r.Id).Take(Shown))
                reflections.AddRow(I(r.Id), $"{r.At:yyyy-MM-dd}", Markup.Escape(r.Text), Markup.Escape(string.Join(", ", r.Evidence.Select(e => "#" + e))));
            AnsiConsole.Write(reflections);
        }

        var important = new Table().Border(TableBorder.Rounded).Title($"most important memories (top {Shown})")
            .AddColumns("id", "date", "kind", "importance", "peers", "summary", "from");
        foreach (var item in memory.Items.OrderByDescending(i => i.Importance).ThenByDescending(i => i.At).ThenBy(i => i.Id).Take(Shown))
            important.AddRow(I(item.Id), $"{item.At:yyyy-MM-dd}", item.Kind, I(item.Importance), Markup.Escape(string.Join(", ", item.Peers)),
                Markup.Escape(item.Summary), Markup.Escape(item.Provenance.Episode
                    + (item.Provenance.AuditSequences.Length > 0 ? " audit " + string.Join(",", item.Provenance.AuditSequences) : "")));
        AnsiConsole.Write(important);
    }

    private static string Status(AgentState state) => state.Status switch
    {
        AgentStatus.Active => "[green]active[/]",
        AgentStatus.ShutDown => "[red]shut down[/]",
        _ => "[red]deleted[/]",
    };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
