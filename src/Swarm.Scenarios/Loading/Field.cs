using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Swarm.Scenarios.Loading;

/// <summary>
/// One value in the document with its key path, read as a given type. An absent field (a missing key, or a
/// value under a mapping that was itself wrong) reads as null without reporting: the cause was reported once
/// already, and repeating it for every key below would bury it.
/// </summary>
internal readonly struct Field(YamlNode? node, string path, ErrorSink errors)
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    public YamlNode? Node { get; } = node;

    public string Path { get; } = path;

    public bool IsPresent => Node is not null;

    private ErrorSink Errors { get; } = errors;

    public void Error(string message)
    {
        if (Node is not null)
            Errors.Report(Node.Start, Path, message);
    }

    /// <summary>Any scalar is a string: ids such as <c>7</c> or text such as <c>yes</c> are not worth rejecting.</summary>
    public string? String() => Scalar("string");

    public int? Integer() => ParseNumber<int>("integer", s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        ? v : null);

    public long? Long() => ParseNumber<long>("integer", s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        ? v : null);

    public double? Number() => ParseNumber<double>("number", s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null);

    /// <summary>Plain <c>true</c> or <c>false</c> only: YAML 1.1's yes/no/on/off and quoted "true" are errors, like quoted numbers.</summary>
    public bool? Boolean() => ParseNumber<bool>("boolean", s => s switch { "true" => true, "false" => false, _ => null });

    /// <summary>Date-only means midnight UTC; a time needs Z or an offset, because a zone-less time is ambiguous.</summary>
    public DateTimeOffset? Date()
    {
        if (Scalar("date") is not { } text)
            return null;
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value.ToUniversalTime();
        Error($"expected date (yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss with Z or an offset), got '{Shorten(text)}'");
        return null;
    }

    /// <summary>Reads a mapping with <paramref name="build"/>, then reports keys <paramref name="build"/> never asked for.</summary>
    public T Object<T>(Func<MappingReader, T> build)
    {
        YamlMappingNode? mapping = null;
        if (Node is YamlMappingNode m)
            mapping = m;
        else if (Node is not null)
            Error($"expected mapping, got {Describe(Node)}");

        var reader = new MappingReader(mapping, Path, Errors);
        var result = build(reader);
        reader.ReportUnknownKeys();
        return result;
    }

    public T? ObjectOrNull<T>(Func<MappingReader, T> build) where T : class => IsPresent ? Object(build) : null;

    public IReadOnlyList<T> List<T>(Func<Field, T?> readItem, bool allowEmpty = false) where T : class
    {
        if (Node is null)
            return [];
        if (Node is not YamlSequenceNode sequence)
        {
            Error($"expected list, got {Describe(Node)}");
            return [];
        }
        if (sequence.Children.Count == 0 && !allowEmpty)
            Error("list must not be empty");

        var items = new List<T>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (readItem(new Field(sequence.Children[i], $"{Path}[{i}]", Errors)) is { } item)
                items.Add(item);
        }
        return items;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>YAML's null: an empty or <c>~</c>/<c>null</c> plain scalar. Quoted "null" is a string.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private string? Scalar(string expected)
    {
        if (Node is null)
            return null;
        if (Node is YamlScalarNode scalar && !IsNull(scalar))
            return scalar.Value ?? "";
        Error($"expected {expected}, got {Describe(Node)}");
        return null;
    }

    /// <summary>Numbers must be plain scalars: in YAML <c>"12"</c> is a string, and accepting it would hide a typo'd quote.</summary>
    private TValue? ParseNumber<TValue>(string expected, Func<string, TValue?> parse) where TValue : struct
    {
        if (Scalar(expected) is not { } text)
            return null;
        if (Node is YamlScalarNode { Style: not (ScalarStyle.Plain or ScalarStyle.Any) })
        {
            Error($"expected {expected}, got quoted string '{Shorten(text)}'");
            return null;
        }
        if (parse(text) is { } value)
            return value;
        Error($"expected {expected}, got '{Shorten(text)}'");
        return null;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ when IsNull(node) => "null",
        YamlScalarNode s => $"'{Shorten(s.Value ?? "")}'",
        _ => node.NodeType.ToString(),
    };

    private static string Shorten(string text)
    {
        const int max = 40;
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= max ? line : line[..max] + "...";
    }
}
