using Microsoft.Extensions.AI;

namespace Swarm.Models;

public interface IModelClientFactory
{
    /// <summary>Checks a spec without building a client, so bad input fails before an experiment starts.</summary>
    void Validate(string spec);

    IChatClient Create(string spec);

    ModelOptions OptionsFor(string spec);

    bool Streaming { get; }
}
