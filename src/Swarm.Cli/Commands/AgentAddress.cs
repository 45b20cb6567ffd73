namespace Swarm.Cli.Commands;

/// <summary>An agent id as the CLI takes it: <c>{study}/{name}</c>, where study is a study id (or <c>{id}~{arm}</c>).</summary>
public sealed record AgentAddress(string World, string Name)
{
    public static AgentAddress Parse(string id)
    {
        var slash = id.LastIndexOf('/');
        if (slash <= 0 || slash == id.Length - 1) throw new BadInputException($"agent id '{id}' must look like study-id/agent-name, e.g. population-baseline/blue-00003");
        return new AgentAddress(id[..slash], id[(slash + 1)..]);
    }

    public override string ToString() => $"{World}/{Name}";
}
