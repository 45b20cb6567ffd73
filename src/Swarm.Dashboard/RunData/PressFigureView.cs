namespace Swarm.Dashboard.RunData;

/// <summary>A press figure (PAPER.md, via the sim profile) beside what this run measured in the same cell, with its 95 % interval.</summary>
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
