using MathNet.Numerics.LinearAlgebra;

namespace Scyfi.Coordinator.Exports;

/// <summary>
/// The first principal component of a set of points in state space: the mean and the unit
/// direction of largest variance, signed so that its largest entry is positive (so that re-running
/// on the same points never flips the picture). Degenerate sets (no spread, or M = 1) fall back to
/// the first coordinate axis.
/// </summary>
/// <param name="Mean">Mean of the points.</param>
/// <param name="Direction">Unit direction (M entries).</param>
/// <param name="ExplainedVariance">Share of the total variance along the direction (1 when there is no spread).</param>
internal sealed record PrincipalComponent(double[] Mean, double[] Direction, double ExplainedVariance)
{
    /// <summary>The first principal component of <paramref name="points"/> (each M values); non-finite points are skipped.</summary>
    public static PrincipalComponent Of(IEnumerable<double[]> points, int m)
    {
        var finite = points.Where(p => p.Length == m && p.All(double.IsFinite)).ToList();
        var mean = new double[m];
        var axis = new double[m];
        axis[0] = 1;
        if (finite.Count == 0) return new PrincipalComponent(mean, axis, 1);
        foreach (var p in finite)
            for (int i = 0; i < m; i++) mean[i] += p[i] / finite.Count;
        var cov = Matrix<double>.Build.Dense(m, m);
        foreach (var p in finite)
            for (int i = 0; i < m; i++)
                for (int j = 0; j < m; j++) cov[i, j] += (p[i] - mean[i]) * (p[j] - mean[j]);
        double total = cov.Diagonal().Sum();
        if (!(total > 0) || !double.IsFinite(total)) return new PrincipalComponent(mean, axis, 1);
        var evd = cov.Evd(Symmetricity.Symmetric);
        int best = 0;
        for (int i = 1; i < m; i++)
            if (evd.EigenValues[i].Real > evd.EigenValues[best].Real) best = i;
        var direction = evd.EigenVectors.Column(best).ToArray();
        int largest = 0;
        for (int i = 1; i < m; i++)
            if (Math.Abs(direction[i]) > Math.Abs(direction[largest])) largest = i;
        if (direction[largest] < 0) for (int i = 0; i < m; i++) direction[i] = -direction[i];
        return new PrincipalComponent(mean, direction, evd.EigenValues[best].Real / total);
    }

    /// <summary>The coordinate of a point along the direction (relative to the mean).</summary>
    public double Project(ReadOnlySpan<double> point)
    {
        double s = 0;
        for (int i = 0; i < Mean.Length; i++) s += (point[i] - Mean[i]) * Direction[i];
        return s;
    }

    /// <summary>"0.83·z1 − 0.56·z2" — the direction in words, for axis labels.</summary>
    public string Describe(int maxTerms = 3)
    {
        var terms = Direction.Select((w, i) => (W: w, I: i)).OrderByDescending(t => Math.Abs(t.W)).Take(maxTerms).OrderBy(t => t.I).ToList();
        string text = string.Concat(terms.Select((t, n) =>
            (n == 0 ? (t.W < 0 ? "−" : "") : t.W < 0 ? " − " : " + ") + Math.Abs(t.W).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "·z" + (t.I + 1)));
        return Direction.Length > maxTerms ? text + " + …" : text;
    }
}
