namespace Scyfi.Core.Models;

/// <summary>
/// Base of the four ReLU RNN families. A model is its named parameters plus the canonical
/// <see cref="ReluForm"/> built from them; everything numerical runs on the form.
/// </summary>
public abstract class ReluModel : IPiecewiseLinearMap
{
    private readonly ParameterArray[] _parameters;

    /// <summary>Initialises the model from its parameters and its canonical form.</summary>
    protected ReluModel(ParameterArray[] parameters, ReluForm form)
    {
        _parameters = parameters;
        Form = form;
    }

    /// <summary>Model type as written in model files: plrnn, shplrnn, clipped-shplrnn, alrnn.</summary>
    public abstract string Type { get; }

    /// <summary>True when every one of the 2^S patterns is a non-empty region (orthant models).</summary>
    public abstract bool EveryPatternRealisable { get; }

    /// <summary>The canonical form used by the finder.</summary>
    public ReluForm Form { get; }

    /// <summary>Named parameters, in file order.</summary>
    public IReadOnlyList<ParameterArray> Parameters => _parameters;

    /// <summary>Parameter by name, or null.</summary>
    public ParameterArray? Parameter(string name) => Array.Find(_parameters, p => p.Name == name);

    /// <summary>The same model type rebuilt from changed parameters (same names and shapes).</summary>
    public abstract ReluModel WithParameters(IReadOnlyList<ParameterArray> parameters);

    /// <inheritdoc/>
    public int Dimension => Form.M;
    /// <inheritdoc/>
    public int SwitchingUnits => Form.S;
    /// <inheritdoc/>
    public int RegionWords => Form.Words;

    /// <inheritdoc/>
    public void Region(ReadOnlySpan<double> z, Span<ulong> pattern)
    {
        Span<double> u = Form.S <= 256 ? stackalloc double[Form.S] : new double[Form.S];
        Form.Region(z, pattern, u);
    }

    /// <inheritdoc/>
    public void Affine(ReadOnlySpan<ulong> pattern, Span<double> jacobian, Span<double> offset) =>
        Form.Affine(pattern, jacobian, offset);

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<double> z, Span<double> next)
    {
        Span<double> u = Form.S <= 256 ? stackalloc double[Form.S] : new double[Form.S];
        Span<ulong> pattern = stackalloc ulong[Form.Words];
        Form.Step(z, next, pattern, u);
    }

    /// <summary>Human name of switching unit s (for border-collision reports), e.g. "z2" or "W2 row 3 + h2".</summary>
    public abstract string SwitchingUnitName(int s);

    /// <summary>
    /// Region pattern as the bit string used in itineraries: unit 1 first (so "10" in 2D means
    /// z1 &gt; 0, z2 ≤ 0), matching the sign-pattern notation of the reference.
    /// </summary>
    public string PatternString(ReadOnlySpan<ulong> pattern)
    {
        var chars = new char[Form.S];
        for (int s = 0; s < Form.S; s++)
            chars[s] = (pattern[s >> 6] & (1UL << (s & 63))) != 0 ? '1' : '0';
        return new string(chars);
    }

    /// <summary>Copies of the parameters, for building changed models.</summary>
    public ParameterArray[] CloneParameters() => _parameters.Select(p => p.Clone()).ToArray();

    internal static double[] Diagonal(int m, double[] diag)
    {
        var l = new double[m * m];
        for (int i = 0; i < m; i++) l[i * m + i] = diag[i];
        return l;
    }
}
