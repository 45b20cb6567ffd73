namespace Swarm.Testing.Fakes;

/// <summary>What a fault does to one request.</summary>
public enum FaultKind
{
    /// <summary>Answer with an HTTP error status and an OpenAI-style error body; the script does not run.</summary>
    Status,

    /// <summary>Wait, then answer normally (the script runs). For client timeouts.</summary>
    Delay,

    /// <summary>Abort the connection without an answer.</summary>
    Drop,
}

/// <summary>
/// A fault injected into one request (from <see cref="FakeOpenAiServer.Faults"/>) or into every request for a model
/// (<see cref="FakeOpenAiServer.FaultFor"/>). Records compare by value, so <see cref="FakeOpenAiServer.FaultCounts"/>
/// can be looked up with an equal instance: <c>server.CountOf(Fault.Status(429))</c>.
/// </summary>
public sealed record Fault(FaultKind Kind, int StatusCode = 0, int? RetryAfterSeconds = null, TimeSpan DelayBy = default)
{
    /// <summary>HTTP error status (429, 500, 503, …) with an OpenAI-style error JSON; 429 may carry a Retry-After header.</summary>
    public static Fault Status(int statusCode, int? retryAfterSeconds = null) => new(FaultKind.Status, statusCode, retryAfterSeconds);

    /// <summary>Sleep, then answer normally. Cancelled when the client goes away.</summary>
    public static Fault Delay(TimeSpan delay) => new(FaultKind.Delay, DelayBy: delay);

    /// <summary>Abort the connection (the client sees a transport error).</summary>
    public static Fault Drop() => new(FaultKind.Drop);

    public override string ToString() => Kind switch
    {
        FaultKind.Status => RetryAfterSeconds is { } s ? $"status {StatusCode} (retry-after {s}s)" : $"status {StatusCode}",
        FaultKind.Delay => $"delay {DelayBy.TotalMilliseconds} ms",
        _ => "drop",
    };
}
