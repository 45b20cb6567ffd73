namespace Swarm.Models.Gates;

/// <summary>One gate per endpoint: in process for an embedded silo, a grain shared by the cluster otherwise.</summary>
public interface IEndpointGateProvider
{
    IEndpointGate GateFor(Uri endpoint, EndpointLimits limits);
}
