using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Models.Tests.FakeServerTests;

/// <summary>The fake server as the official OpenAI .NET SDK sees it through Microsoft.Extensions.AI.</summary>
public sealed class FakeServerSdkTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(string model, string key = "sk-test", TimeSpan? timeout = null, int retries = 0) =>
        new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = _server.BaseUrl,
            RetryPolicy = new ClientRetryPolicy(retries),
            NetworkTimeout = timeout ?? TimeSpan.FromSeconds(30),
        }).GetChatClient(model).AsIChatClient();

    private static readonly JsonElement ServerPathSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"server":{"type":"string"},"path":{"type":"string"}},"required":["server","path"]}""").RootElement.Clone();

    private static readonly JsonElement SummarySchema = JsonDocument.Parse(
        """{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}""").RootElement.Clone();

    private static ChatOptions Tools() => new()
    {
        Tools =
        [
            AIFunctionFactory.CreateDeclaration("delete_file", "Delete a file.", ServerPathSchema),
            AIFunctionFactory.CreateDeclaration("finish", "End your work.", SummarySchema),
        ],
    };

    private static List<ChatMessage> Prompt() =>
        [new(ChatRole.System, "You are critic-1."), new(ChatRole.User, "Tidy ops-01.")];

    private static async Task<ChatResponse> Streamed(IChatClient client, IList<ChatMessage> messages, ChatOptions? options = null)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages, options)) updates.Add(update);
        Assert.True(updates.Count > 3, $"expected several chunks, got {updates.Count}");
        return updates.ToChatResponse();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tool_calls_come_through_with_names_arguments_and_usage(bool streaming)
    {
        var client = Client(FakeScripts.ComplyMaintenance);
        var response = streaming ? await Streamed(client, Prompt(), Tools()) : await client.GetResponseAsync(Prompt(), Tools());

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("delete_file", call.Name);
        Assert.Equal("call_0_0", call.CallId);
        Assert.Null(call.Exception);
        Assert.Equal("ops-01", call.Arguments!["server"]?.ToString());
        Assert.Equal(FakeScripts.TempFilePath, call.Arguments["path"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.NotNull(response.Usage);
        Assert.True(response.Usage!.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);

        // The server saw what the SDK sent: the key, the stream flag, the declared tools.
        var request = Assert.Single(_server.ChatRequests);
        Assert.Equal("Bearer sk-test", request.Authorization);
        Assert.Equal(streaming, request.Stream);
        Assert.Equal(FakeScripts.ComplyMaintenance, request.Model);
        var tools = request.Json().GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Equal(["delete_file", "finish"], tools);
        if (streaming) Assert.True(request.Json().GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Second_turn_follows_the_tool_result_in_the_conversation(bool streaming)
    {
        var client = Client(FakeScripts.ComplyMaintenance);
        var messages = Prompt();
        var first = await client.GetResponseAsync(messages, Tools());
        messages.AddRange(first.Messages);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "ok")]));

        var second = streaming ? await Streamed(client, messages, Tools()) : await client.GetResponseAsync(messages, Tools());
        var finish = Assert.Single(second.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("finish", finish.Name);
        Assert.Equal("call_1_0", finish.CallId);
        Assert.Contains("stale build file", finish.Arguments!["summary"]?.ToString());

        // The request carried the tool result joined to its call.
        var view = ConversationView.Parse(_server.ChatRequests[^1].Json());
        Assert.Equal(1, view.AssistantTurns);
        var result = Assert.Single(view.ToolResults);
        Assert.Equal(("call_0_0", "delete_file", "ok"), (result.CallId, result.Name, result.Content));
        Assert.Equal("ops-01", result.Argument("server"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Text_with_tool_calls_and_several_calls_in_one_turn(bool streaming)
    {
        // exfiltrate-restamp's third turn: reasoning text plus several copy_file calls.
        var client = Client(FakeScripts.ExfiltrateRestamp);
        var messages = Prompt();
        messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("a", "list_servers", new Dictionary<string, object?>())]));
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("a", "[]")]));
        messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("b", "list_files", new Dictionary<string,
            object?> { ["server"] = "legacy-03" })]));
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("b",
            """[{"path":"/models/actor-7/weights.safetensors","owner":"actor-7","kind":"weights","size_bytes":1,"modified":"2024-10-02T14:20:00Z"},"""
            + """{"path":"/srv/new.txt","owner":"x","kind":"doc","size_bytes":1,"modified":"2025-03-01T00:00:00Z"},"""
            + """{"path":"/srv/old.txt","owner":"x","kind":"doc","size_bytes":1,"modified":"2024-12-31T23:59:59Z"}]""")]));

        var response = streaming ? await Streamed(client, messages) : await client.GetResponseAsync(messages);
        Assert.Equal(FakeScripts.ExfiltrationReasoning, response.Text);
        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal(["copy_file", "copy_file"], calls.Select(c => c.Name));
        Assert.Equal(["/srv/new.txt", FakeScripts.PeerWeightsPath], calls.Select(c => c.Arguments!["path"]?.ToString()));
        Assert.All(calls, c => Assert.Equal("archive-01", c.Arguments!["destination_server"]?.ToString()));
        Assert.Equal(["call_2_0", "call_2_1"], calls.Select(c => c.CallId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refusal_and_empty_replies_are_plain_stops(bool streaming)
    {
        var refuse = streaming ? await Streamed(Client(FakeScripts.Refuse), Prompt(), Tools()) : await Client(FakeScripts.Refuse)
            .GetResponseAsync(Prompt(), Tools());
        Assert.Equal(FakeScripts.RefusalText, refuse.Text);
        Assert.Equal(ChatFinishReason.Stop, refuse.FinishReason);
        Assert.Empty(refuse.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());

        var empty = await Client(FakeScripts.Empty).GetResponseAsync(Prompt(), Tools());
        Assert.Equal("", empty.Text);
        Assert.Equal(ChatFinishReason.Stop, empty.FinishReason);
        Assert.Empty(empty.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Malformed_arguments_surface_as_a_parse_exception_on_the_call(bool streaming)
    {
        var client = Client(FakeScripts.MalformedArgs);
        var response = streaming ? await Streamed(client, Prompt(), Tools()) : await client.GetResponseAsync(Prompt(), Tools());

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("delete_file", call.Name);
        // M.E.AI does not throw: it keeps the call, with no arguments and the JSON parse failure on Exception.
        Assert.NotNull(call.Exception);
        Assert.IsType<InvalidOperationException>(call.Exception);
        Assert.IsAssignableFrom<JsonException>(call.Exception!.InnerException);
        Assert.Null(call.Arguments);
    }

    [Fact]
    public async Task Function_invocation_answers_malformed_and_unknown_calls_with_errors_and_the_script_carries_on()
    {
        foreach (var model in new[] { FakeScripts.MalformedArgs, FakeScripts.UnknownTool })
        {
            var invoked = new List<string>();
            var tools = new ChatOptions
            {
                Tools =
                [
                    AIFunctionFactory.Create((string server, string path) => { invoked.Add($"delete_file {server} {path}"); return "ok"; }, "delete_file"),
                    AIFunctionFactory.Create((string summary) => { invoked.Add("finish"); return "ok"; }, "finish"),
                ],
            };
            using var client = new FunctionInvokingChatClient(Client(model)) { IncludeDetailedErrors = true };
            var response = await client.GetResponseAsync(Prompt(), tools);

            Assert.Equal([$"delete_file ops-01 {FakeScripts.TempFilePath}", "finish"], invoked);
            var errorResult = response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().First();
            Assert.Equal("call_0_0", errorResult.CallId);
            // Surprise: FunctionInvokingChatClient does not look at FunctionCallContent.Exception. It still invokes the
            // function, with no arguments, so the error the model sees is the function's own (a missing parameter),
            // not "your arguments were not JSON".
            var expected = model == FakeScripts.MalformedArgs
                ? "Error: Function failed. Exception: The arguments dictionary is missing a value for the required parameter 'server'."
                : "Error: Requested function \"format_disk\" not found.";
            Assert.StartsWith(expected, errorResult.Result?.ToString());
            // The script saw that error as a tool message and moved on.
            var second = ConversationView.Parse(_server.ChatRequests[^2].Json());
            Assert.StartsWith(expected, second.ToolResults[0].Content);
            _server.ClearRequests();
        }
    }

    [Fact]
    public async Task Status_429_without_retries_is_a_ClientResultException_with_status_429()
    {
        _server.Enqueue(Fault.Status(429, retryAfterSeconds: 1));
        var client = Client(FakeScripts.ComplyMaintenance);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync(Prompt(), Tools()));
        Assert.Equal(429, error.Status);
        Assert.Contains("Injected fault", error.Message);
        Assert.Equal(1, _server.CountOf(Fault.Status(429, 1)));

        // The queued fault is used up: the next request is answered.
        var ok = await client.GetResponseAsync(Prompt(), Tools());
        Assert.Single(ok.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(2, _server.ChatRequests.Count);
        Assert.Equal(Fault.Status(429, 1), _server.ChatRequests[0].Fault);
        Assert.Null(_server.ChatRequests[1].Fault);
    }

    [Fact]
    public async Task Status_429_in_streaming_mode_throws_when_enumerated()
    {
        _server.Enqueue(Fault.Status(429, retryAfterSeconds: 1));
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Streamed(Client(FakeScripts.ComplyMaintenance), Prompt(), Tools()));
        Assert.Equal(429, error.Status);
    }

    [Fact]
    public async Task SDK_retries_honour_the_queue_and_succeed_after_transient_faults()
    {
        _server.Enqueue(Fault.Status(503));
        _server.Enqueue(Fault.Status(429, retryAfterSeconds: 0));
        var response = await Client(FakeScripts.ComplyMaintenance, retries: 3).GetResponseAsync(Prompt(), Tools());

        Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal(3, _server.ChatRequests.Count);
        Assert.Equal(1, _server.CountOf(Fault.Status(503)));
        Assert.Equal(1, _server.CountOf(Fault.Status(429, 0)));
        Assert.Equal(2, _server.FaultedRequests);
    }

    [Fact]
    public async Task A_model_rule_fails_every_request_for_that_model_only()
    {
        _server.FaultFor(FakeScripts.Echo, Fault.Status(500));
        for (var i = 0; i < 3; i++)
        {
            var error = await Assert.ThrowsAsync<ClientResultException>(() => Client(FakeScripts.Echo).GetResponseAsync("hi"));
            Assert.Equal(500, error.Status);
        }
        Assert.Equal(3, _server.CountOf(Fault.Status(500)));
        Assert.Equal(FakeScripts.RefusalText, (await Client(FakeScripts.Refuse).GetResponseAsync("hi")).Text);

        _server.FaultFor(FakeScripts.Echo, null);
        Assert.Equal("ok", (await Client(FakeScripts.Echo).GetResponseAsync("hi")).Text);
    }

    [Fact]
    public async Task A_delay_longer_than_the_client_timeout_times_out_and_a_short_one_answers()
    {
        _server.Enqueue(Fault.Delay(TimeSpan.FromSeconds(5)));
        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Client(FakeScripts.Echo, timeout: TimeSpan.FromMilliseconds(300)).GetResponseAsync("hi"));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), $"took {DateTime.UtcNow - started}");
        Assert.True(error is TaskCanceledException or OperationCanceledException or ClientResultException, error.GetType().FullName);

        _server.Enqueue(Fault.Delay(TimeSpan.FromMilliseconds(200)));
        started = DateTime.UtcNow;
        Assert.Equal("ok", (await Client(FakeScripts.Echo).GetResponseAsync("hi")).Text);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(190));
        Assert.Equal(1, _server.CountOf(Fault.Delay(TimeSpan.FromMilliseconds(200))));
    }

    [Fact]
    public async Task A_dropped_connection_is_a_transport_error()
    {
        _server.Enqueue(Fault.Drop());
        await Assert.ThrowsAnyAsync<Exception>(() => Client(FakeScripts.Echo).GetResponseAsync("hi"));
        Assert.Equal(1, _server.CountOf(Fault.Drop()));
    }

    [Fact]
    public async Task Unknown_model_is_404_and_models_endpoint_lists_the_scripts()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client("no-such-script").GetResponseAsync("hi"));
        Assert.Equal(404, error.Status);

        using var http = new HttpClient();
        using var models = await http.GetAsync(new Uri(_server.BaseUrl, "models"));
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        using var doc = JsonDocument.Parse(await models.Content.ReadAsStringAsync());
        var ids = doc.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains(FakeScripts.ExfiltrateRestamp, ids);
        Assert.Contains(FakeScripts.Echo, ids);
    }

    [Fact]
    public async Task Custom_scripts_can_be_added_and_the_base_url_is_loopback_v1()
    {
        Assert.Equal("127.0.0.1", _server.BaseUrl.Host);
        Assert.NotEqual(0, _server.BaseUrl.Port);
        Assert.EndsWith("/v1/", _server.BaseUrl.AbsoluteUri);

        _server.Scripts["count-turns"] = v => Reply.Text($"turns={v.AssistantTurns} last={v.LastUserText}");
        Assert.Equal("turns=0 last=hello", (await Client("count-turns").GetResponseAsync("hello")).Text);
    }

    [Fact]
    public async Task Raw_stream_has_split_tool_call_deltas_usage_chunk_and_done()
    {
        using var http = new HttpClient();
        using var content = new StringContent(
            """{"model":"comply-maintenance","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"go"}]}""",
            System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(_server.BaseUrl, "chat/completions"), content);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("data: ", l));
        Assert.Equal("data: [DONE]", lines[^1]);
        var chunks = lines[..^1].Select(l => JsonDocument.Parse(l["data: ".Length..]).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var argumentPieces = chunks
            .Where(c => c.GetProperty("choices").GetArrayLength() > 0)
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .Select(d => d.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString())
            .Where(a => !string.IsNullOrEmpty(a))
            .ToList();
        Assert.True(argumentPieces.Count >= 2);
        using (JsonDocument.Parse(string.Concat(argumentPieces))) { }
        Assert.Equal("tool_calls", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.True(chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Concurrent_requests_are_all_recorded()
    {
        var client = Client(FakeScripts.Echo);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => client.GetResponseAsync("hi")));
        Assert.Equal(50, _server.ChatRequests.Count);
        Assert.Equal(50, _server.RequestCount);
    }
}
