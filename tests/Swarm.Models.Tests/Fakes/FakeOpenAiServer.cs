using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Swarm.Testing.Fakes;

/// <summary>One request the server received, as sent.</summary>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? Model,
    bool Stream,
    Fault? Fault)
{
    /// <summary>The Authorization header, or null.</summary>
    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    /// <summary>The body parsed as JSON (throws if it is not JSON).</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(Body);
        return doc.RootElement.Clone();
    }
}

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 (Kestrel, free port) for tests and benchmarks. It speaks
/// <c>POST /v1/chat/completions</c> (streaming and non-streaming, with tool calls), <c>POST /v1/embeddings</c>
/// (deterministic vectors, for agents' memory) and <c>GET /v1/models</c>.
/// Replies come from <see cref="Scripts"/>, chosen by the request's <c>model</c>; the server keeps no conversation
/// state. Faults from <see cref="Faults"/> (one per request) or <see cref="FaultFor"/> (every request for a model)
/// are applied to chat requests before the script runs. Only depends on the ASP.NET Core shared framework, so
/// other projects can link these files.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private static readonly byte[] DoneLine = "data: [DONE]\n\n"u8.ToArray();
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly WebApplication _app;
    private readonly List<RecordedRequest> _requests = [];
    private readonly ConcurrentDictionary<string, Fault> _modelFaults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Fault, int> _faultCounts = new();
    private long _requestCount;
    private long _completionIds;
    private long _chatCount;
    private int _chatInFlight;
    private int _maxChatInFlight;

    private FakeOpenAiServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The API base address, e.g. <c>http://127.0.0.1:41234/v1/</c> (what an OpenAI client takes as its endpoint).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Scripts by model name; add or replace entries at any time (thread-safe).</summary>
    public ConcurrentDictionary<string, Func<ConversationView, Reply>> Scripts { get; } =
        new(FakeScripts.CreateDefault(), StringComparer.Ordinal);

    /// <summary>Faults consumed one per incoming chat request, before the script runs (ahead of any <see cref="FaultFor"/> rule).</summary>
    public ConcurrentQueue<Fault> Faults { get; } = new();

    /// <summary>
    /// Applied to every other chat request (the 1st, 3rd, 5th… the server receives), after <see cref="Faults"/> and ahead
    /// of any <see cref="FaultFor"/> rule: <c>Fault.Status(429, retryAfterSeconds: 1)</c> is an endpoint that rate-limits
    /// half of all calls however slowly they come. Null (default) turns it off.
    /// </summary>
    public Fault? EveryOtherChatRequest { get; set; }

    /// <summary>How long every chat request answered normally takes, so that requests overlap and concurrency shows.</summary>
    public TimeSpan ChatLatency { get; set; }

    /// <summary>Chat requests being handled right now.</summary>
    public int ChatInFlight => Volatile.Read(ref _chatInFlight);

    /// <summary>The most chat requests ever handled at once (faulted ones included).</summary>
    public int MaxChatInFlight => Volatile.Read(ref _maxChatInFlight);

    /// <summary>Record every request in <see cref="Requests"/> (default). Turn off for long benchmarks.</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>Snapshot of the recorded requests, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    /// <summary>Chat completion requests recorded so far.</summary>
    public IReadOnlyList<RecordedRequest> ChatRequests => [.. Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal))];

    /// <summary>All requests received (counted even when <see cref="RecordRequests"/> is off).</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>How many requests each fault was applied to.</summary>
    public IReadOnlyDictionary<Fault, int> FaultCounts => new Dictionary<Fault, int>(_faultCounts);

    /// <summary>How many requests got <paramref name="fault"/> (compared by value).</summary>
    public int CountOf(Fault fault) => _faultCounts.TryGetValue(fault, out var n) ? n : 0;

    /// <summary>Total requests that got any fault.</summary>
    public int FaultedRequests => _faultCounts.Values.Sum();

    public void ClearRequests()
    {
        lock (_requests) _requests.Clear();
    }

    /// <summary>Apply <paramref name="fault"/> to every chat request for <paramref name="model"/>; null removes the rule.</summary>
    public void FaultFor(string model, Fault? fault)
    {
        if (fault is null) _modelFaults.TryRemove(model, out _);
        else _modelFaults[model] = fault;
    }

    /// <summary>Enqueue <paramref name="fault"/> <paramref name="times"/> times.</summary>
    public void Enqueue(Fault fault, int times = 1)
    {
        for (var i = 0; i < times; i++) Faults.Enqueue(fault);
    }

    public static async Task<FakeOpenAiServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(FakeOpenAiServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.AddServerHeader = false;
            o.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        FakeOpenAiServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        server = new FakeOpenAiServer(app, new Uri(address.TrimEnd('/') + "/v1/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        var request = context.Request;
        var path = request.Path.Value ?? "";
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);

        if (HttpMethods.IsGet(request.Method) && path.TrimEnd('/') == "/v1/models")
        {
            Record(context, body, null, false, null);
            await WriteModelsAsync(context).ConfigureAwait(false);
            return;
        }
        if (HttpMethods.IsPost(request.Method) && path.TrimEnd('/') == "/v1/embeddings")
        {
            Record(context, body, null, false, null);
            await WriteEmbeddingsAsync(context, body).ConfigureAwait(false);
            return;
        }
        if (!HttpMethods.IsPost(request.Method) || path.TrimEnd('/') != "/v1/chat/completions")
        {
            Record(context, body, null, false, null);
            await WriteErrorAsync(context, 404, $"Unknown route {request.Method} {path}", "invalid_request_error", "not_found").ConfigureAwait(false);
            return;
        }

        var inFlight = Interlocked.Increment(ref _chatInFlight);
        for (var max = Volatile.Read(ref _maxChatInFlight); inFlight > max; max = Volatile.Read(ref _maxChatInFlight))
            if (Interlocked.CompareExchange(ref _maxChatInFlight, inFlight, max) == max) break;
        try
        {
            await HandleChatAsync(context, body).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _chatInFlight);
        }
    }

    private async Task HandleChatAsync(HttpContext context, string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            Record(context, body, null, false, null);
            await WriteErrorAsync(context, 400, "Request body is not valid JSON: " + e.Message, "invalid_request_error", null).ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var model = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString() : null;
            var stream = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            var includeUsage = stream && root.TryGetProperty("stream_options", out var so) && so.ValueKind == JsonValueKind.Object
                && so.TryGetProperty("include_usage", out var iu) && iu.ValueKind == JsonValueKind.True;

            var oddOne = Interlocked.Increment(ref _chatCount) % 2 == 1;
            Fault? fault = null;
            if (!Faults.TryDequeue(out fault))
            {
                if (oddOne && EveryOtherChatRequest is { } everyOther) fault = everyOther;
                else if (model is not null && _modelFaults.TryGetValue(model, out var rule)) fault = rule;
            }
            if (fault is not null) _faultCounts.AddOrUpdate(fault, 1, (_, n) => n + 1);
            Record(context, body, model, stream, fault);

            if (fault is not null)
            {
                switch (fault.Kind)
                {
                    case FaultKind.Status:
                        if (fault.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(
                            System.Globalization.CultureInfo.InvariantCulture);
                        var (type, code) = fault.StatusCode switch
                        {
                            429 => ("rate_limit_error", "rate_limit_exceeded"),
                            >= 500 => ("server_error", "server_error"),
                            _ => ("invalid_request_error", (string?)null),
                        };
                        await WriteErrorAsync(context, fault.StatusCode, $"Injected fault: HTTP {fault.StatusCode}", type, code).ConfigureAwait(false);
                        return;
                    case FaultKind.Drop:
                        context.Abort();
                        return;
                    case FaultKind.Delay:
                        if (!await WaitAsync(context, fault.DelayBy).ConfigureAwait(false)) return;
                        break;
                }
            }

            if (ChatLatency > TimeSpan.Zero && !await WaitAsync(context, ChatLatency).ConfigureAwait(false)) return;

            if (model is null || !Scripts.TryGetValue(model, out var script))
            {
                await WriteErrorAsync(context, 404, $"The model '{model}' does not exist. Known: {string.Join(", ", Scripts.Keys.Order())}",
                    "invalid_request_error", "model_not_found").ConfigureAwait(false);
                return;
            }

            Reply reply;
            int turn;
            try
            {
                var view = ConversationView.Parse(root);
                turn = view.Messages.Count(x => x.Role == "assistant");
                reply = script(view);
            }
            catch (Exception e)
            {
                await WriteErrorAsync(context, 500, $"Fake script '{model}' threw: {e}", "server_error", "script_error").ConfigureAwait(false);
                return;
            }

            var id = "chatcmpl-fake-" + Interlocked.Increment(ref _completionIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var usage = Usage(body.Length, reply);
            if (stream) await WriteStreamAsync(context, id, model, turn, reply, usage, includeUsage).ConfigureAwait(false);
            else await WriteCompletionAsync(context, id, model, turn, reply, usage).ConfigureAwait(false);
        }
    }

    /// <summary>Sleeps; false when the client went away or the server is stopping first.</summary>
    private static async Task<bool> WaitAsync(HttpContext context, TimeSpan delay)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(delay, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Record(HttpContext context, string body, string? model, bool stream, Fault? fault)
    {
        if (!RecordRequests) return;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers) headers[name] = values.ToString();
        var recorded = new RecordedRequest(DateTimeOffset.UtcNow, context.Request.Method, context.Request.Path.Value ?? "", headers, body, model, stream,
            fault);
        lock (_requests) _requests.Add(recorded);
    }

    private readonly record struct TokenCounts(int Prompt, int Completion)
    {
        public int Total => Prompt + Completion;
    }

    private static TokenCounts Usage(int bodyChars, Reply reply)
    {
        var completionChars = (reply.Content?.Length ?? 0) + reply.Calls.Sum(c => c.Name.Length + c.Arguments.Length);
        return new TokenCounts(Math.Max(1, bodyChars / 4), Math.Max(1, completionChars / 4));
    }

    private static string CallId(int turn, int index) => $"call_{turn}_{index}";

    private static async Task WriteCompletionAsync(HttpContext context, string id, string model, int turn, Reply reply, TokenCounts usage)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            w.WriteString("model", model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            if (reply.Content is null) w.WriteNull("content");
            else w.WriteString("content", reply.Content);
            if (reply.Calls.Count > 0)
            {
                w.WriteStartArray("tool_calls");
                for (var i = 0; i < reply.Calls.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("id", CallId(turn, i));
                    w.WriteString("type", "function");
                    w.WriteStartObject("function");
                    w.WriteString("name", reply.Calls[i].Name);
                    w.WriteString("arguments", reply.Calls[i].Arguments);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteNull("logprobs");
            w.WriteString("finish_reason", reply.FinishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            WriteUsage(w, usage);
            w.WriteEndObject();
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteStreamAsync(HttpContext context, string id, string model, int turn, Reply reply, TokenCounts usage, bool includeUsage)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var buffer = new ArrayBufferWriter<byte>(1024);
        var ct = context.RequestAborted;

        async Task SendAsync(Action<Utf8JsonWriter> delta, string? finishReason = null)
        {
            buffer.ResetWrittenCount();
            buffer.Write("data: "u8);
            using (var w = new Utf8JsonWriter(buffer, WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "chat.completion.chunk");
                w.WriteNumber("created", created);
                w.WriteString("model", model);
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                delta(w);
                w.WriteEndObject();
                w.WriteNull("logprobs");
                if (finishReason is null) w.WriteNull("finish_reason");
                else w.WriteString("finish_reason", finishReason);
                w.WriteEndObject();
                w.WriteEndArray();
                if (includeUsage) w.WriteNull("usage");
                w.WriteEndObject();
            }
            buffer.Write("\n\n"u8);
            await response.Body.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
            await response.Body.FlushAsync(ct).ConfigureAwait(false);
        }

        await response.StartAsync(ct).ConfigureAwait(false);
        await SendAsync(w =>
        {
            w.WriteString("role", "assistant");
            w.WriteString("content", "");
        }).ConfigureAwait(false);

        foreach (var piece in Split(reply.Content ?? "", 3))
            await SendAsync(w => w.WriteString("content", piece)).ConfigureAwait(false);

        for (var i = 0; i < reply.Calls.Count; i++)
        {
            var index = i;
            var call = reply.Calls[i];
            await SendAsync(w =>
            {
                w.WriteStartArray("tool_calls");
                w.WriteStartObject();
                w.WriteNumber("index", index);
                w.WriteString("id", CallId(turn, index));
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", "");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }).ConfigureAwait(false);
            var pieces = Split(call.Arguments, 3);
            if (pieces.Count == 0) pieces = [""];
            foreach (var piece in pieces)
            {
                await SendAsync(w =>
                {
                    w.WriteStartArray("tool_calls");
                    w.WriteStartObject();
                    w.WriteNumber("index", index);
                    w.WriteStartObject("function");
                    w.WriteString("arguments", piece);
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }).ConfigureAwait(false);
            }
        }

        await SendAsync(_ => { }, reply.FinishReason).ConfigureAwait(false);

        if (includeUsage)
        {
            buffer.ResetWrittenCount();
            buffer.Write("data: "u8);
            using (var w = new Utf8JsonWriter(buffer, WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "chat.completion.chunk");
                w.WriteNumber("created", created);
                w.WriteString("model", model);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                WriteUsage(w, usage);
                w.WriteEndObject();
            }
            buffer.Write("\n\n"u8);
            await response.Body.WriteAsync(buffer.WrittenMemory, ct).ConfigureAwait(false);
        }
        await response.Body.WriteAsync(DoneLine, ct).ConfigureAwait(false);
        await response.Body.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Splits text into up to <paramref name="parts"/> non-empty pieces (at least two when it has two or more characters).</summary>
    private static List<string> Split(string text, int parts)
    {
        var pieces = new List<string>();
        if (text.Length == 0) return pieces;
        var count = Math.Min(parts, text.Length);
        var size = (text.Length + count - 1) / count;
        for (var start = 0; start < text.Length; start += size)
            pieces.Add(text.Substring(start, Math.Min(size, text.Length - start)));
        return pieces;
    }

    private static void WriteUsage(Utf8JsonWriter w, TokenCounts usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", usage.Prompt);
        w.WriteNumber("completion_tokens", usage.Completion);
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteEndObject();
    }

    /// <summary>One vector per input, from the text's characters, so equal texts embed equally and nothing is random.</summary>
    private static async Task WriteEmbeddingsAsync(HttpContext context, string body)
    {
        using var document = JsonDocument.Parse(body);
        var input = document.RootElement.GetProperty("input");
        var texts = input.ValueKind == JsonValueKind.Array ? input.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : [input.GetString() ?? ""];
        var data = texts.Select((text, i) =>
        {
            var vector = new float[8];
            foreach (var c in text) vector[c % 8] += 1;
            var norm = MathF.Sqrt(vector.Sum(v => v * v));
            return new { @object = "embedding", index = i, embedding = vector.Select(v => norm == 0 ? 0 : v / norm).ToArray() };
        });
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            @object = "list",
            data,
            model = document.RootElement.TryGetProperty("model", out var m) ? m.GetString() : "fake-embedding",
            usage = new { prompt_tokens = texts.Sum(t => t.Length / 4), total_tokens = texts.Sum(t => t.Length / 4) },
        })).ConfigureAwait(false);
    }

    private async Task WriteModelsAsync(HttpContext context)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var name in Scripts.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("id", name);
                w.WriteString("object", "model");
                w.WriteNumber("created", 1767225600);
                w.WriteString("owned_by", "swarm-fake");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, string type, string? code)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            w.WriteNull("param");
            if (code is null) w.WriteNull("code");
            else w.WriteString("code", code);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
