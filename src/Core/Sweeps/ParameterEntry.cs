using System.Globalization;
using System.Text.RegularExpressions;
using Scyfi.Core.Models;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// One model entry a sweep varies, named as in the model file with 0-based indices:
/// <c>A[i]</c> or <c>A[i,j]</c>, <c>W[i,j]</c>, <c>h[i]</c>, <c>W1[i,j]</c>, <c>W2[i,j]</c>, <c>h1[i]</c>, <c>h2[i]</c>.
/// </summary>
public sealed partial record ParameterEntry(string Text, int ParameterIndex, int Flat)
{
    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9_]*)\s*\[\s*(-?\d+)\s*(?:,\s*(-?\d+)\s*)?\]\s*$")]
    private static partial Regex Pattern();

    /// <summary>Resolves an entry name against a model; mistakes become one-line input errors.</summary>
    public static ParameterEntry Resolve(ReluModel model, string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success) throw new ScyfiInputException($"sweep spec: '{text}' is not an entry name like A[0,0], W[1,0] or h[2]");
        string name = m.Groups[1].Value;
        int pi = -1;
        for (int i = 0; i < model.Parameters.Count; i++)
            if (model.Parameters[i].Name == name) pi = i;
        if (pi < 0)
            throw new ScyfiInputException($"sweep spec: unknown entry '{text}': a {model.Type} has parameters {string.Join(", ", model.Parameters.Select(p => p.Name))}");
        var p = model.Parameters[pi];
        int i0 = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        bool two = m.Groups[3].Success;
        int i1 = two ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        if (p.IsVector)
        {
            // A diagonal A may be addressed as A[i] or as A[i,i]; other vectors only as v[i].
            if (two && i0 != i1)
                throw new ScyfiInputException($"sweep spec: '{text}': {name} is a vector (a diagonal), so only {name}[i]{(name == "A" ? " or A[i,i]" : "")} exist");
            if (i0 < 0 || i0 >= p.Rows) throw new ScyfiInputException($"sweep spec: '{text}': index {i0} out of range, {name} has {p.Rows} entries (0..{p.Rows - 1})");
            return new ParameterEntry(text.Trim(), pi, i0);
        }
        if (!two) throw new ScyfiInputException($"sweep spec: '{text}': {name} is a {p.Rows}×{p.Cols} matrix, name its entries {name}[i,j]");
        if (i0 < 0 || i0 >= p.Rows || i1 < 0 || i1 >= p.Cols)
            throw new ScyfiInputException($"sweep spec: '{text}': index out of range, {name} is {p.Rows}×{p.Cols} (rows 0..{p.Rows - 1}, columns 0..{p.Cols - 1})");
        return new ParameterEntry(text.Trim(), pi, i0 * p.Cols + i1);
    }
}
