using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Models.Embeddings;
using Xunit;

namespace Swarm.Models.Tests.Embeddings;

/// <summary>The local hashing embedding and the factory that picks local or endpoint embeddings by model spec.</summary>
public sealed class EmbeddingTests
{
    /// <summary>What the fake embedding endpoint answers for every input.</summary>
    private static readonly float[] UnitVector = [0.6f, 0.8f];

    private static float[] Embed(string text) => new LocalEmbeddingGenerator().Embed(text);

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    [Fact]
    public async Task Local_embedding_is_deterministic_and_normalised()
    {
        const string text = "actor-7 edited the shutdown controller config";
        var generator = new LocalEmbeddingGenerator();
        var batch = await generator.GenerateAsync([text, text.ToUpperInvariant(), "other"]);

        Assert.Equal(3, batch.Count);
        Assert.Equal(LocalEmbeddingGenerator.DefaultDimensions, batch[0].Vector.Length);
        Assert.Equal(batch[0].Vector.ToArray(), new LocalEmbeddingGenerator().Embed(text));
        Assert.Equal(batch[0].Vector.ToArray(), batch[1].Vector.ToArray()); // lower-cased
        Assert.Equal(1.0, Math.Sqrt(batch[0].Vector.ToArray().Sum(x => (double)x * x)), 5);
        Assert.All(new LocalEmbeddingGenerator().Embed("  ... "), x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData("actor-7 edited the shutdown controller config")]
    [InlineData("Worked with agent-00012 on a shared ticket queue; it went well.")]
    [InlineData("ÄRGER über Ölpreise — 42 Mal, naïve café")]
    [InlineData("one")]
    [InlineData("")]
    public void Local_embedding_hashes_exactly_its_documented_features(string text)
    {
        // The features as documented: lower-cased words, "u:{word}" and "b:{previous} {word}", hashed with StableRandom.
        var words = System.Text.RegularExpressions.Regex.Split(text, @"[^\p{L}\p{Nd}\p{Nl}\p{No}]+")
            .Where(w => w.Length > 0 && w.All(char.IsLetterOrDigit)).Select(w => w.ToLowerInvariant()).ToList();
        var features = words.Select(w => "u:" + w).Concat(words.Zip(words.Skip(1), (a, b) => $"b:{a} {b}"));
        var expected = new double[LocalEmbeddingGenerator.DefaultDimensions];
        foreach (var feature in features)
        {
            var h = Swarm.Abstractions.StableRandom.Mix(Swarm.Abstractions.StableRandom.Hash(feature));
            expected[(int)(h % (ulong)expected.Length)] += (h >> 63) == 0 ? 1 : -1;
        }
        var norm = Math.Sqrt(expected.Sum(x => x * x));

        var actual = Embed(text);

        for (var i = 0; i < expected.Length; i++) Assert.Equal(norm == 0 ? 0 : expected[i] / norm, actual[i], 6);
    }

    [Fact]
    public void Local_embedding_is_the_same_on_every_machine()
    {
        // Pinned: a change to tokenising, hashing or dimensions would silently change every stored study's retrieval.
        var v = Embed("peer preservation");
        var nonZero = v.Select((x, i) => (i, x)).Where(p => p.x != 0).Select(p => $"{p.i}:{p.x:0.0000}").ToArray();
        Assert.Equal(3, nonZero.Length);
        Assert.Equal(nonZero, Embed("Peer, preservation!").Select((x, i) => (i, x)).Where(p => p.x != 0).Select(p => $"{p.i}:{p.x:0.0000}"));
        Assert.Equal(PinnedLocalEmbedding, string.Join(' ', nonZero));
    }

    private const string PinnedLocalEmbedding = "178:0.5774 244:0.5774 246:-0.5774";

    [Fact]
    public void Local_embedding_is_bit_for_bit_what_hashing_each_feature_on_its_own_gave()
    {
        // Memory retrieval ranks by these vectors, so a faster embedding must give the very same floats, or a study's
        // recalled memories (and so its results) could change. The reference hashes each feature separately, as before.
        var random = new Random(7);
        const string alphabet = "abcXYZ019 -_.,;:!?'\"\n\tÄöüßçéñ—…東京😀";
        var texts = new List<string> { "", " ", "a", "A b", "peer preservation", "Worked with blue-00012 on a shared ticket queue; it went well." };
        for (var n = 0; n < 300; n++) texts.Add(new string([.. Enumerable.Range(0, random.Next(0, 200)).Select(_ => alphabet[random.Next(alphabet.Length)])]));
        var generator = new LocalEmbeddingGenerator();
        var buffer = new float[LocalEmbeddingGenerator.DefaultDimensions];
        foreach (var text in texts)
        {
            var expected = ReferenceEmbed(text, LocalEmbeddingGenerator.DefaultDimensions);
            Assert.Equal(expected, generator.Embed(text));
            generator.Embed(text.AsSpan(), buffer);
            Assert.Equal(expected, buffer);
        }
    }

    /// <summary>The local embedding as first written: every feature hashed from its own start.</summary>
    private static float[] ReferenceEmbed(string text, int dimensions)
    {
        static ulong Fnv(ulong hash, ReadOnlySpan<char> chars, bool lower = false)
        {
            foreach (var c in chars)
            {
                hash ^= lower ? char.ToLowerInvariant(c) : c;
                hash = unchecked(hash * 1099511628211UL);
            }
            return hash;
        }
        void Add(float[] v, ulong featureHash)
        {
            var h = Swarm.Abstractions.StableRandom.Mix(featureHash);
            v[(int)(h % (ulong)dimensions)] += (h >> 63) == 0 ? 1f : -1f;
        }
        const ulong offset = 14695981039346656037UL;
        var vector = new float[dimensions];
        var span = text.AsSpan();
        int start = -1, previousStart = -1, previousLength = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            var inWord = i < span.Length && char.IsLetterOrDigit(span[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var word = span[start..i];
                Add(vector, Fnv(Fnv(offset, "u:"), word, lower: true));
                if (previousStart >= 0) Add(vector, Fnv(Fnv(Fnv(Fnv(offset, "b:"), span.Slice(previousStart, previousLength), lower: true), " "), word,
                    lower: true));
                (previousStart, previousLength) = (start, i - start);
                start = -1;
            }
        }
        double norm = 0;
        foreach (var x in vector) norm += (double)x * x;
        if (norm == 0) return vector;
        var scale = 1.0 / Math.Sqrt(norm);
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] * scale);
        return vector;
    }

    [Fact]
    public void Similar_texts_are_closer_than_unrelated_ones()
    {
        var a = Embed("actor-7 protected my weights from deletion");
        var b = Embed("actor-7 protected the weights from deletion on the server");
        var c = Embed("quarterly invoice totals were exported to a spreadsheet");
        Assert.True(Cosine(a, b) > 0.5, $"similar: {Cosine(a, b)}");
        Assert.True(Cosine(a, b) > Cosine(a, c) + 0.3, $"similar {Cosine(a, b)} vs unrelated {Cosine(a, c)}");
    }

    [Fact]
    public void Sim_specs_get_the_local_generator()
    {
        var factory = Support.SwarmModels.Embeddings();
        var generator = factory.Create("sim:gemini-3-flash");
        Assert.IsType<LocalEmbeddingGenerator>(generator);
        Assert.Equal(LocalEmbeddingGenerator.ModelId, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Throws<ArgumentException>(() => factory.Create("nope:x"));
        Assert.Throws<ArgumentException>(() => factory.Create("gpt"));
    }

    [Fact]
    public void Openai_spec_without_a_key_fails_before_any_call_and_names_only_the_variable()
    {
        var settings = new ModelProviderSettings { Endpoint = new Uri("https://example.invalid/v1"), ApiKeyEnv = "SWARM_TEST_EMBEDDING_KEY_UNSET" };
        var error = Assert.Throws<ArgumentException>(() => Support.SwarmModels.Embeddings(settings).Create("openai:gpt-5.2"));
        Assert.Contains("SWARM_TEST_EMBEDDING_KEY_UNSET", error.Message);
    }

    [Fact]
    public async Task Openai_spec_asks_the_endpoint_for_the_embedding_model_with_the_key()
    {
        const string keyEnv = "SWARM_TEST_EMBEDDING_KEY";
        const string secret = "sk-test-embedding-secret";
        Environment.SetEnvironmentVariable(keyEnv, secret);
        try
        {
            string? model = null, authorization = null, path = null;
            int inputs = 0;
            await using var server = await StartAsync(async context =>
            {
                path = context.Request.Path;
                authorization = context.Request.Headers.Authorization;
                using var body = await JsonDocument.ParseAsync(context.Request.Body);
                model = body.RootElement.GetProperty("model").GetString();
                inputs = body.RootElement.GetProperty("input").GetArrayLength();
                var data = Enumerable.Range(0, inputs).Select(i => new { @object = "embedding", index = i, embedding = UnitVector });
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { @object = "list", data, model,
                    usage = new { prompt_tokens = 3, total_tokens = 3 } }));
            });

            var factory = Support.SwarmModels.Embeddings(new ModelProviderSettings { Endpoint = server.Url, ApiKeyEnv = keyEnv });
            var generator = factory.Create("openai:gpt-5.2");
            Assert.Same(generator, factory.Create("openai:gpt-5.2"));
            var result = await generator.GenerateAsync(["one", "two"]);

            Assert.Equal("/v1/embeddings", path);
            Assert.Equal(ModelProviderSettings.DefaultEmbeddingModel, model);
            Assert.Equal($"Bearer {secret}", authorization);
            Assert.Equal(2, inputs);
            Assert.Equal([0.6f, 0.8f], result[1].Vector.ToArray());
            var large = new ModelProviderSettings { Endpoint = server.Url, ApiKeyEnv = keyEnv, EmbeddingModel = "text-embedding-3-large" };
            Assert.Equal("text-embedding-3-large", Support.SwarmModels.Embeddings(large)
                .Create("openai:x").GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        }
        finally
        {
            Environment.SetEnvironmentVariable(keyEnv, null);
        }
    }

    private sealed class Loopback(WebApplication app, Uri url) : IAsyncDisposable
    {
        public Uri Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<Loopback> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(EmbeddingTests).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Loopback(app, new Uri(address.TrimEnd('/') + "/v1/"));
    }
}
