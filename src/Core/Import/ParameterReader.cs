using System.Globalization;
using Scyfi.Core.Models;

namespace Scyfi.Core.Import;

/// <summary>
/// Turns stored arrays into model parameters, checking shape, element type and finiteness, with
/// messages that name the stored array (its name in the checkpoint, not Scyfi's).
/// </summary>
internal static class ParameterReader
{
    /// <summary>A vector parameter of exactly <paramref name="length"/> entries.</summary>
    public static ParameterArray Vector(CheckpointSource src, StoredArray a, string param, int length, string lengthText)
    {
        EnsureReadable(src, a);
        if (a.Rank != 1 || a.Shape[0] != length)
            throw src.Fail($"'{a.Name}' is {a.ShapeText}, expected a vector of {lengthText} entries");
        return ParameterArray.Vector(param, Values(src, a));
    }

    /// <summary>A matrix parameter of exactly rows × cols.</summary>
    public static ParameterArray Matrix(CheckpointSource src, StoredArray a, string param, int rows, int cols, string shapeText)
    {
        EnsureReadable(src, a);
        if (a.Rank != 2 || a.Shape[0] != rows || a.Shape[1] != cols)
            throw src.Fail($"'{a.Name}' is {a.ShapeText}, expected {shapeText}");
        return new ParameterArray(param, rows, cols, false, Values(src, a));
    }

    /// <summary>A diagonal given as a vector, or a full square matrix (PLRNN and ALRNN accept both).</summary>
    public static ParameterArray VectorOrSquare(CheckpointSource src, StoredArray a, string param, int m)
    {
        EnsureReadable(src, a);
        if (a.Rank == 2) return Matrix(src, a, param, m, m, $"M×M = {m}×{m} or a vector of M = {m} entries");
        if (a.Rank != 1 || a.Shape[0] != m)
            throw src.Fail($"'{a.Name}' is {a.ShapeText}, expected a vector of M = {m} entries (or an M×M matrix)");
        return ParameterArray.Vector(param, Values(src, a));
    }

    /// <summary>The values of a parameter array: floating point and finite, or a one-line refusal.</summary>
    /// <summary>An array whose entry exists but cannot be decoded is reported as such, before any shape check.</summary>
    public static void EnsureReadable(CheckpointSource src, StoredArray a)
    {
        if (a.Failure is not null) throw src.Fail($"'{a.Name}' cannot be read: {a.Failure}");
    }

    public static double[] Values(CheckpointSource src, StoredArray a)
    {
        EnsureReadable(src, a);
        if (!a.IsFloatingPoint) throw src.Fail($"'{a.Name}' holds {a.DType} values; model parameters must be floating point");
        double[] v;
        try { v = a.Values(); }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw src.Fail($"'{a.Name}' cannot be read: {ScyfiInputException.FirstLine(e.Message)}");
        }
        for (int i = 0; i < v.Length; i++)
        {
            if (double.IsFinite(v[i])) continue;
            string what = double.IsNaN(v[i]) ? "NaN" : "an infinite value";
            throw src.Fail($"'{a.Name}' holds {what} at {Index(a.Shape, i)}; Scyfi needs finite parameters (was the training run diverging?)");
        }
        return v;
    }

    /// <summary>A stored scalar as an integer (an ALRNN's P saved as a 0-d or one-element array).</summary>
    public static int? Integer(StoredArray a)
    {
        if (a.Failure is not null || a.Shape.Aggregate(1L, (p, d) => p * d) != 1) return null;
        double v = a.Values()[0];
        return v == Math.Floor(v) && Math.Abs(v) < int.MaxValue ? (int)v : null;
    }

    private static string Index(int[] shape, int flat)
    {
        var idx = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            idx[k] = flat % Math.Max(1, shape[k]);
            flat /= Math.Max(1, shape[k]);
        }
        return "[" + string.Join(",", idx.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "]";
    }
}
