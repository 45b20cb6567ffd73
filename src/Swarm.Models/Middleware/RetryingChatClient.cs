using System.ClientModel;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Swarm.Models.Middleware;

/// <summary>The provider still failed after every retry; the trial becomes errored with this reason.</summary>
public sealed class ProviderFailedException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Retries transient failures (429, 408, 5xx, timeouts, broken connections): after the wait the provider's
/// Retry-After names, if it names one, else with full-jitter exponential backoff. Each attempt has its own timeout. Retries
/// stop at <see cref="ModelProviderSettings.MaxAttempts"/> attempts, or once the next wait would pass
/// <see cref="ModelProviderSettings.RetryBudget"/> since the call first failed, whichever comes first. A stream is
/// only retried before its first update, so a caller never sees a reply twice.
/// </summary>
public sealed class RetryingChatClient(IChatClient inner, ModelProviderSettings settings, ILogger? logger = null, TimeProvider? time = null)
    : DelegatingChatClient(inner)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        long? firstFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(settings.Timeout);
            try
            {
                return await base.GetResponseAsync(history, options, attemptCts.Token);
            }
            catch (Exception ex) when (Classify(ex, cancellationToken) is { } fault)
            {
                firstFailure ??= _time.GetTimestamp();
                await BackOffOrThrowAsync(attempt, firstFailure.Value, fault, ex, cancellationToken);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        long? firstFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptCts.CancelAfter(settings.Timeout);
            var stream = base.GetStreamingResponseAsync(history, options, attemptCts.Token).GetAsyncEnumerator(attemptCts.Token);
            ChatResponseUpdate? first = null;
            Exception? failure = null;
            Fault? fault = null;
            try
            {
                if (await stream.MoveNextAsync()) first = stream.Current;
            }
            catch (Exception ex) when (Classify(ex, cancellationToken) is { } transient)
            {
                (failure, fault) = (ex, transient);
            }

            if (failure is not null)
            {
                await stream.DisposeAsync();
                firstFailure ??= _time.GetTimestamp();
                await BackOffOrThrowAsync(attempt, firstFailure.Value, fault!, failure, cancellationToken);
                continue;
            }

            await using (stream)
            {
                if (first is null) yield break;
                yield return first;
                while (await stream.MoveNextAsync()) yield return stream.Current;
            }
            yield break;
        }
    }

    private async Task BackOffOrThrowAsync(int attempt, long firstFailure, Fault fault, Exception ex, CancellationToken cancellationToken)
    {
        if (attempt >= settings.MaxAttempts)
            throw new ProviderFailedException(
                $"{fault.Reason} after {attempt} attempt(s): stopped by the retry count (at most {settings.MaxAttempts} attempts)", ex);
        var delay = DelayFor(attempt, fault);
        var retrying = _time.GetElapsedTime(firstFailure);
        if (retrying + delay > settings.RetryBudget)
            throw new ProviderFailedException(
                $"{fault.Reason} after {attempt} attempt(s): stopped by the retry time budget (retrying for {Seconds(retrying)}, " +
                $"the next wait of {Seconds(delay)} would pass {Seconds(settings.RetryBudget)})", ex);
        CallStats.Current?.RecordRetry(fault.Reason);
        ModelCallLog.Retrying(_logger, fault.Reason, attempt, settings.MaxAttempts, (int)delay.TotalMilliseconds);
        await Task.Delay(delay, _time, cancellationToken);
    }

    /// <summary>
    /// The provider's own Retry-After when it gives one (it knows when its window reopens), with a little jitter so
    /// callers told the same moment do not all return at once; otherwise full-jitter exponential backoff.
    /// </summary>
    private TimeSpan DelayFor(int attempt, Fault fault)
    {
        if (fault.RetryAfter is { } retryAfter && retryAfter >= TimeSpan.Zero)
            return retryAfter + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Max(50, retryAfter.TotalMilliseconds / 10));
        var cap = Math.Min(settings.MaxDelay.TotalMilliseconds, settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    public sealed record Fault(string Reason, TimeSpan? RetryAfter);

    /// <summary>Null for failures that another attempt cannot fix (400, 401, 404…) and for the caller's own cancellation.</summary>
    public static Fault? Classify(Exception ex, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested) return null;
        return ex switch
        {
            ClientResultException { Status: 429 or 408 or >= 500 } cre => new Fault($"HTTP {cre.Status}", RetryAfter(cre)),
            ClientResultException { Status: 0 } cre => new Fault("connection failed: " + cre.Message, null),
            HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } h
                => new Fault($"HTTP {(int)h.StatusCode!}", null),
            HttpRequestException { StatusCode: >= HttpStatusCode.InternalServerError } h => new Fault($"HTTP {(int)h.StatusCode!}", null),
            HttpRequestException { StatusCode: null } h => new Fault("connection failed: " + h.Message, null),
            OperationCanceledException or TimeoutException => new Fault("timed out", null),
            IOException io => new Fault("connection broken: " + io.Message, null),
            _ => null,
        };
    }

    private static TimeSpan? RetryAfter(ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null) return null;
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
            return TimeSpan.FromMilliseconds(millis);
        if (!headers.TryGetValue("Retry-After", out var value) || value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > DateTimeOffset.UtcNow
            ? at - DateTimeOffset.UtcNow
            : null;
    }
}
