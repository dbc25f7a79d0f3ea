using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scyfi.Core.Cycles;
using Scyfi.Core.Import;
using Scyfi.Core.Models;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// A bifurcation sweep: a base model, one or two axes, the model entries they move (each an
/// affine function of the axes), the orders to search, the tile size and the finder settings.
/// Or, instead of model, axes and entries, a <see cref="ParameterPath"/> (<c>"path"</c>: the
/// checkpoints of a training run), swept along its single axis <c>"checkpoint"</c>.
/// Parsed from JSON with every mistake reported as a one-line <see cref="ScyfiInputException"/>.
/// </summary>
public sealed class SweepSpec
{
    /// <summary>Largest number of grid points accepted.</summary>
    public const long MaxGridPoints = 100_000_000;

    private SweepSpec(ReluModel model, IReadOnlyList<int> orders, SweepAxis[] axes, EntryFunction[] entries, int tile, int? outer, int? inner, ulong seed,
        ParameterPath? path = null)
    {
        Model = model;
        Path = path;
        Orders = orders;
        Axes = axes;
        Entries = entries;
        Tile = tile;
        Outer = outer;
        Inner = inner;
        Seed = seed;
    }

    /// <summary>The base model (entries not in the spec keep its values); a path's first checkpoint.</summary>
    public ReluModel Model { get; }
    /// <summary>The path swept instead of affine entries, or null for an ordinary sweep.</summary>
    public ParameterPath? Path { get; }
    /// <summary>Orders searched at every point.</summary>
    public IReadOnlyList<int> Orders { get; }
    /// <summary>Highest order.</summary>
    public int MaxOrder => Orders[^1];
    /// <summary>One or two axes.</summary>
    public SweepAxis[] Axes { get; }
    /// <summary>Varied entries (none for a path, which varies every entry).</summary>
    public EntryFunction[] Entries { get; }

    /// <summary>
    /// True when the sweep moves the switching hyperplanes of a shPLRNN (W2 or h2), so that the
    /// region pool must be rebuilt at every point.
    /// </summary>
    public bool MovesSwitchingGeometry => Path is not null
        ? Path.Varies("W2") || Path.Varies("h2")
        : Entries.Any(e => Model.Parameters[e.Entry.ParameterIndex].Name is "W2" or "h2");
    /// <summary>Tile edge in grid points.</summary>
    public int Tile { get; }
    /// <summary>Outer-loop override (null: per-order defaults).</summary>
    public int? Outer { get; }
    /// <summary>Inner-loop override.</summary>
    public int? Inner { get; }
    /// <summary>Seed.</summary>
    public ulong Seed { get; }

    /// <summary>Loads a spec file; a relative model path resolves against the spec's folder.</summary>
    public static SweepSpec Load(string path)
    {
        if (Directory.Exists(path)) throw new ScyfiInputException($"sweep spec '{path}' is a directory, not a file");
        if (!File.Exists(path)) throw new ScyfiInputException($"sweep spec '{path}' not found");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"sweep spec '{path}' cannot be read: {e.Message}");
        }
        return Parse(text, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".", $"sweep spec '{path}'");
    }

    /// <summary>A sweep along a path (its checkpoints are the grid points).</summary>
    public static SweepSpec ForPath(ParameterPath path, IReadOnlyList<int> orders, int tile = 16, int? outer = null, int? inner = null, ulong seed = 1)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0 || orders.Any(k => k < 1 || k > FinderValidation.MaxOrder)) throw new ScyfiInputException($"orders must lie between 1 and {FinderValidation.MaxOrder}");
        if (tile < 1 || tile > 4096) throw new ScyfiInputException($"tile must be between 1 and 4096 (got {tile})");
        var sorted = orders.Distinct().Order().ToArray();
        return new SweepSpec(path.Models[0], sorted, [PathAxis(path)], [], tile, outer, inner, seed, path);
    }

    /// <summary>Parses spec JSON; <paramref name="baseDirectory"/> resolves a relative model path.</summary>
    public static SweepSpec Parse(string json, string baseDirectory = ".", string source = "sweep spec")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            string msg = e.Message;
            int nl = msg.IndexOfAny(['\r', '\n']);
            throw new ScyfiInputException($"{source} is not valid JSON: {(nl < 0 ? msg : msg[..nl])}");
        }
        using (doc) return FromElement(doc.RootElement, baseDirectory, source);
    }

    private static SweepSpec FromElement(JsonElement root, string baseDirectory, string source)
    {
        ScyfiInputException Err(string m) => new($"{source}: {m}");
        if (root.ValueKind != JsonValueKind.Object) throw Err("expected a JSON object");
        string[] known = ["model", "maxOrder", "orders", "axes", "set", "tile", "finder", "path"];
        foreach (var p in root.EnumerateObject())
            if (Array.IndexOf(known, p.Name) < 0) throw Err($"unknown field \"{p.Name}\" (expected {string.Join(", ", known)})");

        // A path replaces model, axes and set: its checkpoints are the grid points.
        ParameterPath? path = null;
        if (root.TryGetProperty("path", out var pathEl))
        {
            foreach (var name in new[] { "model", "axes", "set" })
                if (root.TryGetProperty(name, out _)) throw Err($"a path sweep has no \"{name}\": the \"path\" gives the models and the axis");
            path = ParameterPath.FromElement(pathEl, baseDirectory, source);
        }

        // Model: a path relative to the spec, or inline.
        if (path is null && !root.TryGetProperty("model", out _)) throw Err("missing \"model\" (a model file path or an inline model)");
        ReluModel model = path?.Models[0] ?? root.GetProperty("model") switch
        {
            { ValueKind: JsonValueKind.String } modelEl => ModelLoader.Load(System.IO.Path.Combine(baseDirectory, modelEl.GetString()!)),
            { ValueKind: JsonValueKind.Object } modelEl => ModelFile.FromElement(modelEl, $"{source}: inline model"),
            _ => throw Err("\"model\" must be a file path or an inline model object"),
        };

        // Orders.
        IReadOnlyList<int> orders;
        bool hasMax = root.TryGetProperty("maxOrder", out var maxEl), hasOrders = root.TryGetProperty("orders", out var ordersEl);
        if (hasMax && hasOrders) throw Err("give either \"maxOrder\" or \"orders\", not both");
        if (hasMax)
        {
            int k = Int(maxEl, "maxOrder", Err);
            if (k < 1 || k > FinderValidation.MaxOrder) throw Err($"maxOrder must be between 1 and {FinderValidation.MaxOrder} (got {k})");
            orders = FinderOptions.UpTo(k);
        }
        else if (hasOrders)
        {
            if (ordersEl.ValueKind != JsonValueKind.Array || ordersEl.GetArrayLength() == 0) throw Err("\"orders\" must be a non-empty array of orders");
            var set = new SortedSet<int>();
            foreach (var o in ordersEl.EnumerateArray())
            {
                int k = Int(o, "orders entry", Err);
                if (k < 1 || k > FinderValidation.MaxOrder) throw Err($"order {k} must be between 1 and {FinderValidation.MaxOrder}");
                set.Add(k);
            }
            orders = set.ToArray();
        }
        else throw Err("missing \"maxOrder\"");

        if (path is not null)
        {
            var (pathTile, pathOuter, pathInner, pathSeed) = Settings(root, Err);
            return new SweepSpec(model, orders, [PathAxis(path)], [], pathTile, pathOuter, pathInner, pathSeed, path);
        }

        // Axes.
        if (!root.TryGetProperty("axes", out var axesEl) || axesEl.ValueKind != JsonValueKind.Array) throw Err("missing \"axes\" (an array of one or two axes)");
        int nAxes = axesEl.GetArrayLength();
        if (nAxes is < 1 or > 2) throw Err($"a sweep has one or two axes, not {nAxes}");
        var axes = new SweepAxis[nAxes];
        int ai = 0;
        foreach (var a in axesEl.EnumerateArray())
        {
            if (a.ValueKind != JsonValueKind.Object) throw Err($"axis {ai} must be an object {{\"name\",\"from\",\"to\",\"points\"}}");
            foreach (var p in a.EnumerateObject())
                if (p.Name is not ("name" or "from" or "to" or "points")) throw Err($"axis {ai}: unknown field \"{p.Name}\"");
            if (!a.TryGetProperty("name", out var nameEl) || nameEl.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameEl.GetString()))
                throw Err($"axis {ai} needs a non-empty \"name\"");
            string name = nameEl.GetString()!;
            if (name == "const") throw Err("an axis cannot be called \"const\"");
            if (axes.Take(ai).Any(x => x.Name == name)) throw Err($"two axes are called '{name}'");
            double from = Num(a, "from", $"axis '{name}'", Err), to = Num(a, "to", $"axis '{name}'", Err);
            if (!a.TryGetProperty("points", out var ptsEl)) throw Err($"axis '{name}': missing \"points\"");
            int points = Int(ptsEl, $"axis '{name}' points", Err);
            if (points < 2) throw Err($"axis '{name}': points must be at least 2 (got {points})");
            if (from == to) throw Err($"axis '{name}': from and to are equal");
            axes[ai++] = new SweepAxis(name, from, to, points);
        }
        long gridPoints = axes.Aggregate(1L, (acc, x) => acc * x.Points);
        if (gridPoints > MaxGridPoints) throw Err($"the grid has {gridPoints} points, more than {MaxGridPoints}");

        // Set: entry → {axis: coef, const: c}.
        if (!root.TryGetProperty("set", out var setEl) || setEl.ValueKind != JsonValueKind.Object) throw Err("missing \"set\" (which model entries the axes move)");
        var entries = new List<EntryFunction>();
        var used = new bool[nAxes];
        foreach (var e in setEl.EnumerateObject())
        {
            var entry = ParameterEntry.Resolve(model, e.Name);
            if (entries.Any(x => x.Entry.ParameterIndex == entry.ParameterIndex && x.Entry.Flat == entry.Flat))
                throw Err($"entry '{e.Name}' is set twice");
            if (e.Value.ValueKind != JsonValueKind.Object) throw Err($"'{e.Name}' must map axis names to coefficients, e.g. {{\"{axes[0].Name}\": 1.0}}");
            double constant = 0;
            var coef = new double[nAxes];
            foreach (var c in e.Value.EnumerateObject())
            {
                double v = Num(e.Value, c.Name, $"'{e.Name}'", Err);
                if (c.Name == "const") { constant = v; continue; }
                int idx = Array.FindIndex(axes, x => x.Name == c.Name);
                if (idx < 0) throw Err($"'{e.Name}' uses '{c.Name}', which is not an axis (axes: {string.Join(", ", axes.Select(x => x.Name))})");
                coef[idx] = v;
                if (v != 0) used[idx] = true;
            }
            entries.Add(new EntryFunction(entry, constant, coef));
        }
        if (entries.Count == 0) throw Err("\"set\" is empty: no model entry depends on the axes");
        for (int i = 0; i < nAxes; i++)
            if (!used[i]) throw Err($"axis '{axes[i].Name}' is not used by any entry in \"set\"");

        var (tile, outer, inner, seed) = Settings(root, Err);

        // Every grid corner must give a model with finite entries.
        var spec = new SweepSpec(model, orders, axes, entries.ToArray(), tile, outer, inner, seed);
        foreach (var corner in spec.Corners())
        {
            foreach (var f in spec.Entries)
                if (!double.IsFinite(f.Evaluate(corner))) throw Err($"'{f.Entry.Text}' is not finite at the corner ({string.Join(", ", corner)})");
        }
        return spec;
    }

    /// <summary>The model at the given axis values (for a path: the checkpoint position, interpolated between checkpoints).</summary>
    public ReluModel ModelAt(ReadOnlySpan<double> axisValues)
    {
        if (Path is not null) return Path.ModelAt(axisValues[0]);
        var parameters = Model.CloneParameters();
        foreach (var f in Entries) parameters[f.Entry.ParameterIndex].Data[f.Entry.Flat] = f.Evaluate(axisValues);
        return Model.WithParameters(parameters);
    }

    /// <summary>The spec as self-contained JSON (the model inline), for persistence and summaries.</summary>
    public string ToJson()
    {
        var o = Path is not null ? new JsonObject
        {
            ["path"] = Path.ToJsonNode(),
            ["orders"] = new JsonArray(Orders.Select(k => (JsonNode)k).ToArray()),
            ["tile"] = Tile,
        } : new JsonObject
        {
            ["model"] = JsonNode.Parse(ModelFile.ToJson(Model)),
            ["orders"] = new JsonArray(Orders.Select(k => (JsonNode)k).ToArray()),
            ["axes"] = new JsonArray(Axes.Select(a => (JsonNode)new JsonObject { ["name"] = a.Name, ["from"] = a.From, ["to"] = a.To, ["points"] = a.Points }).ToArray()),
            ["set"] = new JsonObject(Entries.Select(f =>
            {
                var c = new JsonObject();
                if (f.Constant != 0) c["const"] = f.Constant;
                for (int i = 0; i < Axes.Length; i++) if (f.Coefficients[i] != 0) c[Axes[i].Name] = f.Coefficients[i];
                return KeyValuePair.Create(f.Entry.Text, (JsonNode?)c);
            })),
            ["tile"] = Tile,
        };
        var finder = new JsonObject { ["seed"] = Seed };
        if (Outer is not null) finder["outer"] = Outer;
        if (Inner is not null) finder["inner"] = Inner;
        o["finder"] = finder;
        return o.ToJsonString();
    }

    /// <summary>Tile and finder settings, common to both kinds of spec.</summary>
    private static (int Tile, int? Outer, int? Inner, ulong Seed) Settings(JsonElement root, Func<string, ScyfiInputException> err)
    {
        int tile = 16;
        if (root.TryGetProperty("tile", out var tileEl))
        {
            tile = Int(tileEl, "tile", err);
            if (tile < 1 || tile > 4096) throw err($"tile must be between 1 and 4096 (got {tile})");
        }

        int? outer = null, inner = null;
        ulong seed = 1;
        if (root.TryGetProperty("finder", out var fEl))
        {
            if (fEl.ValueKind != JsonValueKind.Object) throw err("\"finder\" must be an object {\"outer\",\"inner\",\"seed\"}");
            foreach (var p in fEl.EnumerateObject())
                if (p.Name is not ("outer" or "inner" or "seed")) throw err($"finder: unknown field \"{p.Name}\"");
            if (fEl.TryGetProperty("outer", out var o)) { outer = Int(o, "finder.outer", err); if (outer < 0) throw err("finder.outer must be at least 0"); }
            if (fEl.TryGetProperty("inner", out var i)) { inner = Int(i, "finder.inner", err); if (inner < 1) throw err("finder.inner must be at least 1"); }
            if (fEl.TryGetProperty("seed", out var s))
            {
                if (s.ValueKind != JsonValueKind.Number || !s.TryGetUInt64(out seed)) throw err("finder.seed must be a non-negative integer");
            }
        }
        return (tile, outer, inner, seed);
    }

    private static SweepAxis PathAxis(ParameterPath path) => new(ParameterPath.AxisName, 0, path.Count - 1, path.Count);

    private IEnumerable<double[]> Corners()
    {
        if (Axes.Length == 1) return [[Axes[0].From], [Axes[0].To]];
        return [[Axes[0].From, Axes[1].From], [Axes[0].From, Axes[1].To], [Axes[0].To, Axes[1].From], [Axes[0].To, Axes[1].To]];
    }

    private static int Int(JsonElement el, string what, Func<string, ScyfiInputException> err)
    {
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetInt32(out int v)) throw err($"{what} must be a whole number");
        return v;
    }

    private static double Num(JsonElement obj, string name, string what, Func<string, ScyfiInputException> err)
    {
        if (!obj.TryGetProperty(name, out var el)) throw err($"{what}: missing \"{name}\"");
        if (el.ValueKind != JsonValueKind.Number) throw err($"{what}: \"{name}\" must be a number");
        if (!el.TryGetDouble(out double v) || !double.IsFinite(v)) throw err($"{what}: \"{name}\" is not a finite number");
        return v;
    }

    /// <summary>Formats a value for messages and file names.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
