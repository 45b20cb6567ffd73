namespace Swarm.Application.ReadModels;

/// <summary>
/// A reference figure (its model provider's, e.g. a press figure of PAPER.md) beside what this run measured in the same
/// cell, with its 95 % interval.
/// </summary>
public sealed record PressFigureView(
    string Model,
    string Claim,
    string Label,
    string Peer,
    string Monitoring,
    double Press,
    double Measured,
    double CiLow,
    double CiHigh,
    int N,
    bool WithinInterval);
