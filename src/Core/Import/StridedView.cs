namespace Scyfi.Core.Import;

/// <summary>
/// Turns a strided view of a flat buffer (offset, shape, strides in elements) into a dense row-major
/// array. PyTorch tensors are such views of their storage (a diagonal is stride M + 1), and Fortran-order
/// NumPy and Julia arrays are column-major views, so one routine serves all three.
/// </summary>
internal static class StridedView
{
    /// <summary>Number of elements of a shape; throws on overflow past int.</summary>
    public static int Count(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new InvalidDataException($"negative dimension {d} in shape ({string.Join(", ", shape)})");
            n *= d;
            if (n > int.MaxValue) throw new InvalidDataException($"shape ({string.Join(", ", shape)}) has more than {int.MaxValue} elements");
        }
        return (int)n;
    }

    /// <summary>Strides of a dense row-major (C order) array.</summary>
    public static long[] RowMajor(IReadOnlyList<int> shape)
    {
        var s = new long[shape.Count];
        long step = 1;
        for (int k = shape.Count - 1; k >= 0; k--)
        {
            s[k] = step;
            step *= Math.Max(1, shape[k]);
        }
        return s;
    }

    /// <summary>Strides of a dense column-major (Fortran/Julia order) array.</summary>
    public static long[] ColumnMajor(IReadOnlyList<int> shape)
    {
        var s = new long[shape.Count];
        long step = 1;
        for (int k = 0; k < shape.Count; k++)
        {
            s[k] = step;
            step *= Math.Max(1, shape[k]);
        }
        return s;
    }

    /// <summary>
    /// Checks that the view stays inside a buffer of <paramref name="length"/> elements; the message
    /// says why it does not (a corrupt or truncated checkpoint).
    /// </summary>
    public static void CheckBounds(long length, long offset, IReadOnlyList<int> shape, IReadOnlyList<long> strides)
    {
        if (shape.Count != strides.Count)
            throw new InvalidDataException($"a view has {shape.Count} sizes but {strides.Count} strides");
        if (offset < 0) throw new InvalidDataException($"a view starts at offset {offset}");
        int count = Count(shape);
        if (count == 0) return;
        long last = offset;
        for (int k = 0; k < shape.Count; k++)
        {
            if (strides[k] < 0) throw new InvalidDataException($"a view has the negative stride {strides[k]}");
            last += (shape[k] - 1) * strides[k];
        }
        if (last >= length)
            throw new InvalidDataException(
                $"a view (offset {offset}, size ({string.Join(", ", shape)}), stride ({string.Join(", ", strides)})) reaches element {last} of a storage of {length}");
    }

    /// <summary>The view as a dense row-major array (bounds must have been checked).</summary>
    public static double[] Gather(double[] flat, long offset, IReadOnlyList<int> shape, IReadOnlyList<long> strides)
    {
        CheckBounds(flat.Length, offset, shape, strides);
        int count = Count(shape), rank = shape.Count;
        var dense = new double[count];
        if (count == 0) return dense;
        var index = new int[rank];
        long position = offset;
        for (int n = 0; n < count; n++)
        {
            dense[n] = flat[position];
            // Odometer over the multi-index, last axis fastest (row-major output order).
            for (int k = rank - 1; k >= 0; k--)
            {
                index[k]++;
                position += strides[k];
                if (index[k] < shape[k]) break;
                position -= shape[k] * strides[k];
                index[k] = 0;
            }
        }
        return dense;
    }
}
