namespace Scyfi.Core.Training;

/// <summary>
/// The training loss of windows of the data and its exact gradient through the (generalised)
/// teacher-forced recursion. For a window x_0 … x_{T−1} (N variables, N ≤ M):
/// <list type="bullet">
/// <item>z_0 = (x_0, 0): the data-inferred state, data in the first N latent units and 0 in the rest;</item>
/// <item>z̃_t = (1 − α) z_t + α ẑ_t, where ẑ_t = (x_t, z_t[N..M)), i.e. only the observed units are forced;</item>
/// <item>z_{t+1} = F_θ(z̃_t) for t = 0 … T − 2;</item>
/// <item>loss = Σ_b Σ_{t=1}^{T−1} ‖z_t[0..N) − x_t‖² / (B (T − 1) N), the mean squared error of the
/// identity observation model over the batch.</item>
/// </list>
/// α = 0 is free-running BPTT and α = 1 full teacher forcing. The loss is on the model's own
/// prediction z_t (before forcing), so teacher forcing changes the trajectory, not what is scored.
/// All buffers are allocated once; <see cref="Evaluate"/> allocates nothing.
/// </summary>
public sealed class SequenceObjective
{
    private readonly TrainableModel _model;
    private readonly TimeSeries _data;
    private readonly double[] _outputs;   // z_t, t = 0 … T−1 (row t)
    private readonly double[] _inputs;    // z̃_t, t = 0 … T−2 (row t): what F was applied to
    private readonly double[] _g, _gTilde;

    /// <summary>Prepares buffers for windows of <paramref name="sequenceLength"/> steps of <paramref name="data"/>.</summary>
    public SequenceObjective(TrainableModel model, TimeSeries data, int sequenceLength, double alpha)
    {
        if (data.Dimension > model.M)
            throw new ScyfiInputException($"--latent M = {model.M} is smaller than the data dimension N = {data.Dimension}");
        if (sequenceLength < 2) throw new ScyfiInputException($"--seq-len must be at least 2 (got {sequenceLength})");
        if (sequenceLength > data.Length)
            throw new ScyfiInputException($"--seq-len {sequenceLength} is longer than the data ({data.Length} time steps)");
        if (!(alpha >= 0 && alpha <= 1)) throw new ScyfiInputException($"--alpha must lie in [0, 1] (got {alpha})");
        _model = model;
        _data = data;
        SequenceLength = sequenceLength;
        Alpha = alpha;
        int m = model.M;
        _outputs = new double[sequenceLength * m];
        _inputs = new double[sequenceLength * m];
        _g = new double[m];
        _gTilde = new double[m];
    }

    /// <summary>Window length T.</summary>
    public int SequenceLength { get; }

    /// <summary>Forcing strength α.</summary>
    public double Alpha { get; }

    /// <summary>Largest valid window start (windows start at 0 … this).</summary>
    public int MaxStart => _data.Length - SequenceLength;

    /// <summary>Loss of the windows starting at <paramref name="starts"/> (no gradient).</summary>
    public double Loss(ReadOnlySpan<int> starts)
    {
        double total = 0;
        foreach (int s in starts) total += Forward(s);
        // Scaled exactly as in Evaluate, so both return the same number for the same windows.
        return total * (1.0 / Normaliser(starts.Length));
    }

    /// <summary>
    /// Loss of the windows starting at <paramref name="starts"/>, and its gradient with respect to
    /// the model's parameters written to <paramref name="gradient"/> (fixed entries get 0).
    /// </summary>
    public double Evaluate(ReadOnlySpan<int> starts, Span<double> gradient)
    {
        gradient.Clear();
        double c = 1.0 / Normaliser(starts.Length);
        double total = 0;
        foreach (int s in starts)
        {
            total += Forward(s);
            Backward(s, 2 * c, gradient);
        }
        _model.ProjectGradient(gradient);
        return total * c;
    }

    private double Normaliser(int batch) => (double)batch * (SequenceLength - 1) * _data.Dimension;

    /// <summary>Runs the forced recursion on one window and returns its summed squared error.</summary>
    private double Forward(int start)
    {
        int m = _model.M, n = _data.Dimension, len = SequenceLength;
        double alpha = Alpha, keep = 1 - alpha;
        Span<double> z0 = _outputs.AsSpan(0, m);
        z0.Clear();
        _data.Row(start).CopyTo(z0);
        double sse = 0;
        for (int t = 0; t < len - 1; t++)
        {
            ReadOnlySpan<double> z = _outputs.AsSpan(t * m, m);
            Span<double> zt = _inputs.AsSpan(t * m, m);
            z.CopyTo(zt);
            if (alpha != 0)
            {
                ReadOnlySpan<double> x = _data.Row(start + t);
                for (int i = 0; i < n; i++) zt[i] = keep * z[i] + alpha * x[i];
            }
            Span<double> next = _outputs.AsSpan((t + 1) * m, m);
            _model.Step(zt, next);
            ReadOnlySpan<double> xNext = _data.Row(start + t + 1);
            for (int i = 0; i < n; i++)
            {
                double r = next[i] - xNext[i];
                sse += r * r;
            }
        }
        return sse;
    }

    /// <summary>Backpropagation through the window just run by <see cref="Forward"/>; <paramref name="scale"/> = 2/normaliser.</summary>
    private void Backward(int start, double scale, Span<double> gradient)
    {
        int m = _model.M, n = _data.Dimension, len = SequenceLength;
        double keep = 1 - Alpha;
        Span<double> g = _g;          // ∂L/∂z_t
        Span<double> gt = _gTilde;    // ∂L/∂z̃_{t−1}
        g.Clear();
        for (int t = len - 1; t >= 1; t--)
        {
            ReadOnlySpan<double> z = _outputs.AsSpan(t * m, m);
            ReadOnlySpan<double> x = _data.Row(start + t);
            for (int i = 0; i < n; i++) g[i] += scale * (z[i] - x[i]);
            // z_t = F(z̃_{t−1}); the forcing z̃ = (1−α) z + α x scales the observed components.
            _model.Backward(_inputs.AsSpan((t - 1) * m, m), g, gt, gradient);
            gt.CopyTo(g);
            if (keep != 1)
                for (int i = 0; i < n; i++) g[i] *= keep;
        }
    }
}
