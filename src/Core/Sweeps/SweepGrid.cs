namespace Scyfi.Core.Sweeps;

/// <summary>
/// Geometry of a sweep: grid points (index = i + j·Nx, i along the first axis) and tiles of
/// tile×tile points (tile points in 1-D), the unit of work, checkpointing and distribution.
/// </summary>
public sealed class SweepGrid
{
    /// <summary>Creates the grid of a spec.</summary>
    public SweepGrid(SweepSpec spec)
    {
        Spec = spec;
        Nx = spec.Axes[0].Points;
        Ny = spec.Axes.Length > 1 ? spec.Axes[1].Points : 1;
        TilesX = (Nx + spec.Tile - 1) / spec.Tile;
        TilesY = spec.Axes.Length > 1 ? (Ny + spec.Tile - 1) / spec.Tile : 1;
    }

    /// <summary>The spec.</summary>
    public SweepSpec Spec { get; }
    /// <summary>Points along the first axis.</summary>
    public int Nx { get; }
    /// <summary>Points along the second axis (1 for a 1-D sweep).</summary>
    public int Ny { get; }
    /// <summary>Whether the sweep has two axes.</summary>
    public bool TwoD => Spec.Axes.Length == 2;
    /// <summary>Total grid points.</summary>
    public int PointCount => Nx * Ny;
    /// <summary>Tiles along the first axis.</summary>
    public int TilesX { get; }
    /// <summary>Tiles along the second axis.</summary>
    public int TilesY { get; }
    /// <summary>Total tiles.</summary>
    public int TileCount => TilesX * TilesY;

    /// <summary>Grid coordinates of a point index.</summary>
    public (int I, int J) Coordinates(int index) => (index % Nx, index / Nx);

    /// <summary>Point index of grid coordinates.</summary>
    public int Index(int i, int j) => i + j * Nx;

    /// <summary>Axis values of a grid point.</summary>
    public double[] AxisValues(int index)
    {
        var (i, j) = Coordinates(index);
        return TwoD ? [Spec.Axes[0].Value(i), Spec.Axes[1].Value(j)] : [Spec.Axes[0].Value(i)];
    }

    /// <summary>Axis values at fractional grid coordinates (for refinement).</summary>
    public double[] AxisValuesAt(double x, double y) =>
        TwoD ? [Spec.Axes[0].ValueAt(x), Spec.Axes[1].ValueAt(y)] : [Spec.Axes[0].ValueAt(x)];

    /// <summary>Point indices of a tile, in raster order (first axis fastest).</summary>
    public int[] TilePoints(int tile)
    {
        int tx = tile % TilesX, ty = tile / TilesX;
        int i0 = tx * Spec.Tile, i1 = Math.Min(Nx, i0 + Spec.Tile);
        int j0 = ty * Spec.Tile, j1 = TwoD ? Math.Min(Ny, j0 + Spec.Tile) : 1;
        var list = new int[(i1 - i0) * (j1 - j0)];
        int n = 0;
        for (int j = j0; j < j1; j++)
            for (int i = i0; i < i1; i++)
                list[n++] = Index(i, j);
        return list;
    }

    /// <summary>The tile a point belongs to.</summary>
    public int TileOf(int index)
    {
        var (i, j) = Coordinates(index);
        return i / Spec.Tile + (TwoD ? j / Spec.Tile : 0) * TilesX;
    }

    /// <summary>Grid neighbours that precede a point in raster order (left and below).</summary>
    public IEnumerable<int> EarlierNeighbours(int index)
    {
        var (i, j) = Coordinates(index);
        if (i > 0) yield return Index(i - 1, j);
        if (j > 0) yield return Index(i, j - 1);
    }

    /// <summary>All 4-neighbours (2 in 1-D).</summary>
    public IEnumerable<int> Neighbours(int index)
    {
        var (i, j) = Coordinates(index);
        if (i > 0) yield return Index(i - 1, j);
        if (i < Nx - 1) yield return Index(i + 1, j);
        if (j > 0) yield return Index(i, j - 1);
        if (j < Ny - 1) yield return Index(i, j + 1);
    }

    /// <summary>Grid edges (p, q) with q the right or upper neighbour of p.</summary>
    public IEnumerable<(int P, int Q)> Edges()
    {
        for (int j = 0; j < Ny; j++)
            for (int i = 0; i < Nx; i++)
            {
                if (i + 1 < Nx) yield return (Index(i, j), Index(i + 1, j));
                if (j + 1 < Ny) yield return (Index(i, j), Index(i, j + 1));
            }
    }
}
