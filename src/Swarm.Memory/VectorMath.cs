namespace Swarm.Memory;

/// <summary>Cosine similarity, guarded: a zero vector or mismatched lengths are "no information" (0), never NaN.</summary>
public static class VectorMath
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => Cosine(a, NormSquared(a), b);

    /// <summary>
    /// The cosine of one vector against many (a query against every memory): <paramref name="normSquaredA"/> is
    /// <see cref="NormSquared"/> of <paramref name="a"/>, summed once. Each sum runs in index order either way, so the
    /// result is the same double.
    /// </summary>
    public static double Cosine(ReadOnlySpan<float> a, double normSquaredA, ReadOnlySpan<float> b)
    {
        if (a.Length == 0 || a.Length != b.Length) return 0.0;
        double dot = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            nb += (double)b[i] * b[i];
        }
        return normSquaredA == 0 || nb == 0 ? 0.0 : Math.Clamp(dot / (Math.Sqrt(normSquaredA) * Math.Sqrt(nb)), -1.0, 1.0);
    }

    public static double NormSquared(ReadOnlySpan<float> a)
    {
        double sum = 0;
        foreach (var x in a) sum += (double)x * x;
        return sum;
    }
}
