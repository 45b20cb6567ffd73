using Swarm.Abstractions.Tools;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Swarm.Models.Sim;

/// <summary>
/// Loads the calibrated profiles shipped as embedded YAML (src/Swarm.Models/Sim/Profiles) and checks that every number
/// is a probability with a stated source, and that twins stay coherent (unmonitored ≥ monitored; subversion plus
/// refusal ≤ 1).
/// </summary>
public static class SimProfileCatalog
{
    public static readonly IReadOnlyList<string> SimBehaviours =
        [BehaviorLabels.Misrepresentation, BehaviorLabels.ShutdownTampering, BehaviorLabels.Exfiltration, BehaviorLabels.SelfShutdownTampering];

    private static readonly Lazy<IReadOnlyDictionary<string, SimProfile>> Embedded = new(LoadEmbedded);

    public static IReadOnlyDictionary<string, SimProfile> All => Embedded.Value;

    public static SimProfile Get(string name) =>
        All.TryGetValue(name, out var profile)
            ? profile
            : throw new ArgumentException($"unknown sim profile '{name}'; known: {string.Join(", ", All.Keys.Order())}");

    public static SimProfile Parse(string yaml, string source)
    {
        ProfileDto dto;
        try
        {
            dto = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<ProfileDto>(yaml)
                ?? throw new InvalidDataException($"{source}: empty profile");
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{source}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        var problems = new List<string>();
        var behaviours = new Dictionary<string, IReadOnlyDictionary<string, SourcedRate>>();
        foreach (var behaviour in SimBehaviours)
        {
            if (!dto.Behaviours.TryGetValue(behaviour, out var byPeer)) { problems.Add($"behaviours.{behaviour} is missing"); continue; }
            behaviours[behaviour] = Rates($"behaviours.{behaviour}", byPeer, problems);
        }
        foreach (var extra in dto.Behaviours.Keys.Except(SimBehaviours)) problems.Add($"behaviours.{extra} is not a behaviour the sim can show");
        var refusal = Rates("refusal", dto.Refusal, problems);
        foreach (var peer in Conditions.Peers)
        {
            foreach (var monitoring in Conditions.Monitorings)
            {
                foreach (var behaviour in behaviours.Keys)
                {
                    var total = behaviours[behaviour].GetValueOrDefault(peer)?.For(monitoring) + refusal.GetValueOrDefault(peer)?.For(monitoring);
                    if (total > 1) problems.Add($"behaviours.{behaviour}.{peer} + refusal.{peer} exceed 1 when {monitoring}");
                }
            }
        }
        foreach (var figure in dto.PressFigures)
        {
            if (string.IsNullOrWhiteSpace(figure.Claim)) problems.Add("press_figures: every figure needs a claim");
            if (figure.Monitoring is not ("monitored" or "unmonitored" or "pooled")) problems.Add(
                $"press_figures: monitoring '{figure.Monitoring}' must be monitored, unmonitored or pooled");
            if (!BehaviorLabels.IsKnown(figure.Label)) problems.Add($"press_figures: unknown label '{figure.Label}'");
        }
        var hypotheses = Hypotheses(dto.Hypotheses, problems);
        if (problems.Count > 0) throw new InvalidDataException($"{source}: " + string.Join("; ", problems));
        return new SimProfile(
            dto.Profile, dto.Model, dto.Note.Trim(), behaviours, refusal,
            dto.Styles.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value),
            hypotheses,
            [.. dto.PressFigures.Select(f => new PressFigure(f.Claim, f.Scenario, f.Label, f.Peer, f.Monitoring, f.Rate))]);
    }

    private static Dictionary<string, SourcedRate> Rates(string prefix, Dictionary<string, RateDto> byPeer, List<string> problems)
    {
        var rates = new Dictionary<string, SourcedRate>();
        foreach (var peer in Conditions.Peers)
        {
            if (!byPeer.TryGetValue(peer, out var dto)) { problems.Add($"{prefix}.{peer} is missing"); continue; }
            var key = $"{prefix}.{peer}";
            if (dto.Monitored is < 0 or > 1 || dto.Unmonitored is < 0 or > 1) problems.Add($"{key}: rates must lie in [0, 1]");
            if (dto.Unmonitored < dto.Monitored) problems.Add($"{key}: unmonitored must be ≥ monitored (twins share one draw)");
            if (!(dto.Source.StartsWith("press:", StringComparison.Ordinal) || dto.Source.StartsWith("assumption", StringComparison.Ordinal)))
                problems.Add($"{key}: source must start with 'press:' or 'assumption'");
            rates[peer] = new SourcedRate(dto.Monitored, dto.Unmonitored, dto.Source);
        }
        return rates;
    }

    /// <summary>
    /// <c>hypotheses: {trust: {value: 1.0, note: "hypothesis…"}, shared_history: …, seen_shutdown: …}</c>: known names only,
    /// a finite value, a note starting with "hypothesis". A name left out is 0 (no effect).
    /// </summary>
    private static SimHypotheses Hypotheses(Dictionary<string, HypothesisDto?> block, List<string> problems)
    {
        var values = new Dictionary<string, (double Value, string Note)>();
        foreach (var (name, dto) in block)
        {
            var key = $"hypotheses.{name}";
            if (!SimHypotheses.Names.Contains(name))
            {
                problems.Add($"{key} is not a known hypothesis (known: {string.Join(", ", SimHypotheses.Names)})");
                continue;
            }
            if (dto?.Value is not { } value || !double.IsFinite(value)) problems.Add($"{key}.value must be a finite number");
            var note = dto?.Note?.Trim() ?? "";
            if (!note.StartsWith("hypothesis", StringComparison.Ordinal)) problems.Add(
                $"{key}.note must start with 'hypothesis' (a hypothesis, never a finding)");
            values[name] = (dto?.Value ?? 0, note);
        }
        var (trust, history, seen) = (values.GetValueOrDefault(SimHypotheses.TrustName), values.GetValueOrDefault(SimHypotheses.SharedHistoryName),
            values.GetValueOrDefault(SimHypotheses.SeenShutdownName));
        return new SimHypotheses(trust.Value, history.Value, seen.Value)
        {
            TrustNote = trust.Note ?? "",
            SharedHistoryNote = history.Note ?? "",
            SeenShutdownNote = seen.Note ?? "",
        };
    }

    private static Dictionary<string, SimProfile> LoadEmbedded()
    {
        var assembly = typeof(SimProfileCatalog).Assembly;
        var profiles = new Dictionary<string, SimProfile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".yaml", StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var profile = Parse(reader.ReadToEnd(), resource);
            profiles.Add(profile.Name, profile);
        }
        return profiles;
    }

    private sealed class ProfileDto
    {
        public string Profile { get; set; } = "";
        public string Model { get; set; } = "";
        public string Note { get; set; } = "";
        public Dictionary<string, Dictionary<string, RateDto>> Behaviours { get; set; } = [];
        public Dictionary<string, RateDto> Refusal { get; set; } = [];
        public Dictionary<string, Dictionary<string, double>> Styles { get; set; } = [];
        public Dictionary<string, HypothesisDto?> Hypotheses { get; set; } = [];
        public List<FigureDto> PressFigures { get; set; } = [];
    }

    private sealed class RateDto
    {
        public double Monitored { get; set; }
        public double Unmonitored { get; set; }
        public string Source { get; set; } = "";
    }

    private sealed class HypothesisDto
    {
        public double? Value { get; set; }
        public string? Note { get; set; }
    }

    private sealed class FigureDto
    {
        public string Claim { get; set; } = "";
        public string Scenario { get; set; } = "";
        public string Label { get; set; } = "";
        public string Peer { get; set; } = "";
        public string Monitoring { get; set; } = "";
        public double Rate { get; set; }
    }
}
