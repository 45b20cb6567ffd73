using System.Text;
using System.Text.RegularExpressions;

namespace Swarm.Scenarios.Studies;

/// <summary>
/// A study's text with <c>{placeholders}</c>, such as an agent's persona (<c>population.persona</c>): each placeholder
/// names a value filled in per agent. Parsed once, rendered many times (a million agents each get a persona and
/// histories), so rendering only joins the pieces.
/// </summary>
public sealed partial class TextTemplate
{
    private readonly string[] _literals;
    private readonly string[] _names;

    private TextTemplate(string[] literals, string[] names)
    {
        _literals = literals;
        _names = names;
    }

    /// <summary>The placeholders the text uses, in order.</summary>
    public IReadOnlyList<string> Placeholders => _names;

    public static TextTemplate Parse(string text)
    {
        var literals = new List<string>();
        var names = new List<string>();
        var at = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            literals.Add(text[at..match.Index]);
            names.Add(match.Groups[1].Value);
            at = match.Index + match.Length;
        }
        literals.Add(text[at..]);
        return new TextTemplate([.. literals], [.. names]);
    }

    /// <summary>What is wrong with <paramref name="text"/> as a template that may use only <paramref name="allowed"/>; null when nothing is.</summary>
    public static string? Problem(string text, IReadOnlyCollection<string> allowed)
    {
        var unknown = Parse(text).Placeholders.Where(n => !allowed.Contains(n)).Distinct().ToList();
        return unknown.Count == 0 ? null
            : $"unknown placeholder{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(n => "{" + n + "}"))}; "
              + $"the placeholders are {string.Join(", ", allowed.Select(n => "{" + n + "}"))}";
    }

    /// <summary>The text with each placeholder replaced by its value.</summary>
    public string Render(Func<string, string> value)
    {
        if (_names.Length == 0) return _literals[0];
        var text = new StringBuilder(_literals[0]);
        for (var i = 0; i < _names.Length; i++) text.Append(value(_names[i])).Append(_literals[i + 1]);
        return text.ToString();
    }

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
