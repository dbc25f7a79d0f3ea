using Scyfi.Coordinator.Store;
using Scyfi.Core.Cycles;
using Scyfi.Core.Sweeps;

namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The live map of one sweep: the regime of every grid point recorded so far, filled tile by tile
/// from the store. While the sweep runs only tiles not yet seen are looked for (see
/// <see cref="SweepStore.CompletedTiles"/>); once it has completed, the points are read once more in full,
/// because the analysis after the grid (continuation) may add objects to recorded points.
/// Thread-safe: the poller refreshes it while requests read pages.
/// </summary>
internal sealed class SweepPoints
{
    /// <summary>Entries of each point in a page.</summary>
    public static readonly string[] Columns = ["index", "regime", "objects", "stable", "degenerate"];

    private static readonly string EmptyRegime = Regime.Of(new PointResult(-1, [], 0, 0));

    private readonly Lock _gate = new();
    private readonly SweepGrid _grid;
    private readonly AxisView[] _axes;
    // Each tile's last point in the order it is computed: a tile worker stores its points in that
    // order, in a checkpoint every few seconds and the rest at the end, so the batch that ends
    // with it is stored only with (or after) all the others. The first point, asked for before,
    // is often stored with only part of its tile, which the map then showed half-filled until the
    // sweep ended.
    private readonly int[] _lastPoint;
    private readonly Dictionary<string, int> _regimeIds = new(StringComparer.Ordinal);
    private readonly List<(string Name, string Colour)> _regimes = [];
    private readonly List<int> _regimeCounts = [];
    private readonly List<int> _order = [];
    private int _coloured;
    private int[] _regime = [];
    private int[] _objects = [];
    private int[] _stable = [];
    private int[] _degenerate = [];
    private bool[] _tileSeen = [];
    private long _objectsFound;

    /// <summary>Creates an empty map for a sweep's grid.</summary>
    public SweepPoints(string sweepId, SweepGrid grid)
    {
        SweepId = sweepId;
        _grid = grid;
        _axes = grid.Spec.Axes.Select(a => new AxisView(a.Name, a.From, a.To, a.Points)).ToArray();
        _lastPoint = new int[grid.TileCount];
        for (int t = 0; t < grid.TileCount; t++) _lastPoint[t] = grid.TilePoints(t)[^1];
        Clear();
    }

    /// <summary>The sweep.</summary>
    public string SweepId { get; }
    /// <summary>Changes when the points are read again in full.</summary>
    public int Generation { get; private set; }
    /// <summary>True once a completed sweep was read in full: nothing will change any more.</summary>
    public bool Complete { get; private set; }
    /// <summary>When it was last refreshed.</summary>
    public DateTimeOffset Refreshed { get; private set; } = DateTimeOffset.MinValue;
    /// <summary>When a page was last asked for.</summary>
    public DateTimeOffset LastRead { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Fixed points and cycles over the points held.</summary>
    public long ObjectsFound
    {
        get { lock (_gate) return _objectsFound; }
    }

    /// <summary>Grid points held.</summary>
    public int Count
    {
        get { lock (_gate) return _order.Count; }
    }

    /// <summary>Brings the map up to date with the store for a sweep in the given state.</summary>
    public void Refresh(SweepStore store, string state)
    {
        lock (_gate)
        {
            Refreshed = DateTimeOffset.UtcNow;
            if (Complete) return;
            if (state == "completed")
            {
                Clear();
                Generation++;
                foreach (var p in store.ReadPoints(SweepId)) Add(p);
                Complete = true;
                return;
            }
            var unseen = new Dictionary<int, int>();
            for (int t = 0; t < _tileSeen.Length; t++)
                if (!_tileSeen[t]) unseen[t] = _lastPoint[t];
            var completed = store.CompletedTiles(SweepId, unseen);
            if (completed.Count == 0) return;
            foreach (int tile in completed) _tileSeen[tile] = true;
            foreach (var p in store.ReadTilePoints(SweepId, completed)) Add(p);
        }
    }

    /// <summary>The points after <paramref name="after"/> of generation <paramref name="generation"/>, or all of them when either does not match.</summary>
    public PointsPage Page(int? after, int? generation)
    {
        lock (_gate)
        {
            LastRead = DateTimeOffset.UtcNow;
            bool reset = after is null || generation != Generation || after < 0 || after > _order.Count;
            int from = reset ? 0 : after!.Value;
            var points = new int[_order.Count - from][];
            for (int k = from; k < _order.Count; k++)
            {
                int i = _order[k];
                points[k - from] = [i, _regime[i], _objects[i], _stable[i], _degenerate[i]];
            }
            var regimes = _regimes.Select((r, id) => new RegimeView(id, r.Name, r.Colour, _regimeCounts[id])).ToArray();
            return new PointsPage(SweepId, Generation, _order.Count, reset, Complete, _grid.Nx, _grid.Ny, _axes, regimes, Columns, points);
        }
    }

    private void Clear()
    {
        int n = _grid.PointCount;
        _regime = new int[n];
        Array.Fill(_regime, -1);
        _objects = new int[n];
        _stable = new int[n];
        _degenerate = new int[n];
        _tileSeen = new bool[_grid.TileCount];
        _order.Clear();
        for (int r = 0; r < _regimeCounts.Count; r++) _regimeCounts[r] = 0;
        _objectsFound = 0;
    }

    private void Add(PointResult p)
    {
        if (p.Index < 0 || p.Index >= _regime.Length) return;
        if (_regime[p.Index] >= 0)
        {
            // Seen before in this generation (never while running: tiles are read once): replace.
            _regimeCounts[_regime[p.Index]]--;
            _objectsFound -= _objects[p.Index];
        }
        else _order.Add(p.Index);
        int id = RegimeId(Regime.Of(p));
        _regime[p.Index] = id;
        _regimeCounts[id]++;
        _objects[p.Index] = p.Objects.Length;
        _stable[p.Index] = p.Objects.Count(o => o.Stability == Stability.Stable);
        _degenerate[p.Index] = p.Degenerate;
        _objectsFound += p.Objects.Length;
        _tileSeen[_grid.TileOf(p.Index)] = true;
    }

    private int RegimeId(string name)
    {
        if (_regimeIds.TryGetValue(name, out int id)) return id;
        id = _regimes.Count;
        _regimeIds[name] = id;
        _regimes.Add((name, name == EmptyRegime ? LivePalette.None : LivePalette.Colour(_coloured++)));
        _regimeCounts.Add(0);
        return id;
    }
}
