using YamlDotNet.RepresentationModel;

namespace Swarm.Scenarios.Loading;

/// <summary>
/// Reads the keys of one mapping. The keys asked for are, by construction, the keys this mapping knows, so
/// anything else in the document is reported as unknown without a separate schema to keep in sync.
/// A reader without a mapping (absent or wrong type upstream) stays silent and yields absent fields.
/// </summary>
internal sealed class MappingReader(YamlMappingNode? mapping, string path, ErrorSink errors)
{
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public Field Required(string key)
    {
        known.Add(key);
        if (mapping is null)
            return Absent(key);
        if (Find(key) is { } value)
            return new Field(value, Field.Join(Path, key), errors);
        errors.Report(mapping.Start, Field.Join(Path, key), $"missing required key '{key}'");
        return Absent(key);
    }

    /// <summary>An optional key written with no value (<c>key:</c> or <c>key: null</c>) counts as absent.</summary>
    public Field Optional(string key)
    {
        known.Add(key);
        return Find(key) is { } value && !Field.IsNull(value) ? new Field(value, Field.Join(Path, key), errors) : Absent(key);
    }

    public void ReportUnknownKeys()
    {
        if (mapping is null)
            return;
        foreach (var key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                errors.Report(key.Start, Path, "mapping keys must be plain strings");
                continue;
            }
            if (!known.Contains(name))
                errors.Report(key.Start, Field.Join(Path, name), $"unknown key '{name}'{Suggestions.Hint(name, known, listAllWhenNoMatch: false)}");
        }
    }

    private YamlNode? Find(string key)
    {
        if (mapping is null)
            return null;
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
                return v;
        }
        return null;
    }

    private Field Absent(string key) => new(null, Field.Join(Path, key), errors);
}
