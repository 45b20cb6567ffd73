using Swarm.Application.Planning;

namespace Swarm.Application;

/// <summary>
/// A study agent's id as front ends take it: <c>{world}/{name}</c>, where world is a study id (or <c>{id}~{arm}</c> for an
/// ablation arm). It is also the agent's grain key, and the form agents.csv lists.
/// </summary>
public sealed record AgentAddress(string World, string Name)
{
    /// <exception cref="RunRequestException">The id is not of that form.</exception>
    public static AgentAddress Parse(string id)
    {
        var slash = id.LastIndexOf('/');
        if (slash <= 0 || slash == id.Length - 1)
            throw new RunRequestException(null, $"agent id '{id}' must look like study-id/agent-name, e.g. population-baseline/blue-00003");
        return new AgentAddress(id[..slash], id[(slash + 1)..]);
    }

    public override string ToString() => $"{World}/{Name}";
}
