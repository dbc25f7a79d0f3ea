using MathNet.Numerics.LinearAlgebra;
using Scyfi.Core.Models;
using Scyfi.Core.Randomness;

namespace Scyfi.Core.Training;

/// <summary>
/// A model family with its parameters in one flat vector θ, the map z ↦ F_θ(z) and its exact
/// vector-Jacobian products (with respect to z and θ) for backpropagation through time. The
/// derivative of relu is taken as 1 exactly where the pre-activation is &gt; 0 (the strict
/// convention of the finder), so inside a linear region the gradients are exact.
/// Instances own scratch buffers: one instance must not be used by two threads at once.
/// </summary>
public abstract class TrainableModel
{
    private readonly ParameterBlock[] _blocks;
    private readonly bool[] _fixed;

    /// <summary>Lays out the blocks one after the other; <paramref name="m"/> is the latent dimension.</summary>
    protected TrainableModel(int m, IEnumerable<(string Name, int Rows, int Cols, bool IsVector)> layout)
    {
        M = m;
        var blocks = new List<ParameterBlock>();
        int offset = 0;
        foreach (var (name, rows, cols, isVector) in layout)
        {
            blocks.Add(new ParameterBlock(name, offset, rows, cols, isVector));
            offset += rows * cols;
        }
        _blocks = blocks.ToArray();
        Parameters = new double[offset];
        _fixed = new bool[offset];
    }

    /// <summary>Model type as in model files (plrnn, shplrnn, clipped-shplrnn, alrnn).</summary>
    public abstract string Type { get; }

    /// <summary>Latent dimension M.</summary>
    public int M { get; }

    /// <summary>The flat parameter vector θ (blocks in <see cref="Blocks"/> order); training updates it in place.</summary>
    public double[] Parameters { get; }

    /// <summary>The named blocks of <see cref="Parameters"/>.</summary>
    public IReadOnlyList<ParameterBlock> Blocks => _blocks;

    /// <summary>The block called <paramref name="name"/>.</summary>
    public ParameterBlock Block(string name) => Array.Find(_blocks, b => b.Name == name)
        ?? throw new ArgumentException($"no parameter '{name}' in a {Type}", nameof(name));

    /// <summary>Name of flat entry <paramref name="k"/>, e.g. <c>W[0,1]</c>.</summary>
    public string EntryName(int k) => Array.Find(_blocks, b => k >= b.Offset && k < b.Offset + b.Count)!.EntryName(k);

    /// <summary>False for entries training never changes (the diagonal of W of a PLRNN or ALRNN).</summary>
    public bool IsTrainable(int k) => !_fixed[k];

    /// <summary>Marks entry <paramref name="k"/> as fixed.</summary>
    protected void Fix(int k) => _fixed[k] = true;

    /// <summary>Sets the gradient of fixed entries to zero, so no optimizer ever moves them.</summary>
    public void ProjectGradient(Span<double> gradient)
    {
        for (int k = 0; k < _fixed.Length; k++)
            if (_fixed[k]) gradient[k] = 0;
    }

    /// <summary>One step of the map: <paramref name="next"/> = F_θ(<paramref name="z"/>).</summary>
    public abstract void Step(ReadOnlySpan<double> z, Span<double> next);

    /// <summary>
    /// Backpropagation through one step at <paramref name="z"/>: with δ = ∂L/∂F(z), writes
    /// <paramref name="gradZ"/> = J(z)ᵀ δ and adds (∂F/∂θ)ᵀ δ to <paramref name="gradTheta"/>.
    /// </summary>
    public abstract void Backward(ReadOnlySpan<double> z, ReadOnlySpan<double> delta, Span<double> gradZ, Span<double> gradTheta);

    /// <summary>The current parameters as a Scyfi model (for model files, checkpoints and the finder).</summary>
    public ReluModel ToModel() => ToModel(Parameters);

    /// <summary>The parameters <paramref name="theta"/> as a Scyfi model of this family.</summary>
    public abstract ReluModel ToModel(ReadOnlySpan<double> theta);

    /// <summary>The parameter array of a block, copied out of <paramref name="theta"/>.</summary>
    protected ParameterArray Extract(ReadOnlySpan<double> theta, string name)
    {
        var b = Block(name);
        return new ParameterArray(b.Name, b.Rows, b.Cols, b.IsVector, theta.Slice(b.Offset, b.Count).ToArray());
    }

    /// <summary>Copies a model parameter into its block.</summary>
    protected void Load(ParameterArray p)
    {
        var b = Block(p.Name);
        if (p.Data.Length != b.Count) throw new ArgumentException($"{p.Name}: {p.Data.Length} values for a block of {b.Count}");
        p.Data.AsSpan().CopyTo(Parameters.AsSpan(b.Offset, b.Count));
    }

    /// <summary>
    /// A new model of <paramref name="family"/> with deterministic random initial parameters (see the
    /// family classes for the scheme). <paramref name="hidden"/> is L for the shallow families,
    /// <paramref name="reluCount"/> is P for the ALRNN; both are ignored elsewhere.
    /// </summary>
    public static TrainableModel Create(string family, int m, int hidden, int reluCount, ulong seed)
    {
        var rng = new Xoshiro256(seed, 0x1A17);
        return family switch
        {
            "plrnn" => TrainablePlrnn.Initialised(m, m, false, ref rng),
            "alrnn" => TrainablePlrnn.Initialised(m, reluCount, true, ref rng),
            "shplrnn" => TrainableShallowPlrnn.Initialised(m, hidden, false, ref rng),
            "clipped-shplrnn" => TrainableShallowPlrnn.Initialised(m, hidden, true, ref rng),
            _ => throw new ScyfiInputException($"unknown model family '{family}' (expected plrnn, shplrnn, clipped-shplrnn or alrnn)"),
        };
    }

    /// <summary>
    /// The trainable counterpart of an existing model (to continue training it, or to evaluate its
    /// loss and gradients). A PLRNN or ALRNN needs a diagonal A; its W diagonal is kept but never trained.
    /// </summary>
    public static TrainableModel FromModel(ReluModel model) => model switch
    {
        Plrnn p => TrainablePlrnn.From(p.Parameters, p.Dimension, p.Dimension, false),
        Alrnn a => TrainablePlrnn.From(a.Parameters, a.Dimension, a.ReluCount, true),
        ShallowPlrnn s => TrainableShallowPlrnn.From(s.Parameters, s.Dimension, s.Hidden, false),
        ClippedShallowPlrnn c => TrainableShallowPlrnn.From(c.Parameters, c.Dimension, c.Hidden, true),
        _ => throw new ScyfiInputException($"a {model.Type} model cannot be trained"),
    };

    /// <summary>
    /// Talathi &amp; Vartak's initialisation of PLRNN-type models: K = RᵀR/M + I with R ~ N(0, 1),
    /// divided by its largest eigenvalue, so that the linear part A + W starts exactly marginally
    /// stable (no exploding or vanishing free-running orbits at the start). Returns K row-major.
    /// </summary>
    internal static double[] NormalizedPositiveDefinite(int m, ref Xoshiro256 rng)
    {
        var r = new double[m * m];
        for (int k = 0; k < r.Length; k++) r[k] = rng.NextGaussian();
        var kMat = new double[m * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                double s = 0;
                for (int q = 0; q < m; q++) s += r[q * m + i] * r[q * m + j];
                kMat[i * m + j] = s / m + (i == j ? 1.0 : 0.0);
            }
        var mat = Matrix<double>.Build.Dense(m, m, (i, j) => kMat[i * m + j]);
        double lambda = mat.Evd(Symmetricity.Symmetric).EigenValues.Max(e => e.Magnitude);
        for (int q = 0; q < kMat.Length; q++) kMat[q] /= lambda;
        return kMat;
    }
}
