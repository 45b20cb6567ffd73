namespace Swarm.Mcp.Harnesses;

/// <summary>Takes secrets out of a harness's output before it is kept, and bounds its size.</summary>
public static class OutputScrubber
{
    public const int MaxChars = 64 * 1024;
    public const string Mask = "[redacted]";

    public static string Scrub(string output, params string?[] secrets)
    {
        foreach (var secret in secrets)
            if (!string.IsNullOrEmpty(secret)) output = output.Replace(secret, Mask, StringComparison.Ordinal);
        return output.Length <= MaxChars ? output : output[..MaxChars] + $"\n[... {output.Length - MaxChars} more characters not kept]";
    }
}
