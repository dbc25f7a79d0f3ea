using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scyfi.Core.Import;
using Scyfi.Core.Models;

namespace Scyfi.Core.Sweeps;

/// <summary>
/// A 1-D path through parameter space given by a sequence of models of one type and one shape —
/// typically the checkpoints of a training run — with a label for each (its epoch). Position i
/// (0 ≤ i ≤ N − 1) is checkpoint i exactly; a fractional position i + t lies on the straight segment
/// between checkpoints i and i + 1, every parameter array interpolated linearly. A sweep over the
/// path (<see cref="SweepSpec"/> with a <c>"path"</c>) therefore runs the ordinary machinery: grid
/// points are checkpoints, and bisection of a bifurcation between two checkpoints runs along the
/// segment, so the event gets a fractional position and, through <see cref="EpochAt"/>, an epoch.
/// </summary>
public sealed class ParameterPath
{
    /// <summary>Name of the sweep axis of a path: the checkpoint index.</summary>
    public const string AxisName = "checkpoint";

    /// <summary>Most checkpoints accepted (a path is a 1-D grid; this keeps specs a sane size).</summary>
    public const int MaxCheckpoints = 100_000;

    private readonly ReluModel[] _models;
    private readonly double[] _epochs;

    /// <summary>
    /// A path through <paramref name="models"/> labelled with strictly increasing, finite
    /// <paramref name="epochs"/>. Models must share type and parameter shapes (and an ALRNN's P);
    /// a mismatch is a one-line <see cref="ScyfiInputException"/> naming the first offending checkpoint.
    /// </summary>
    public ParameterPath(IReadOnlyList<ReluModel> models, IReadOnlyList<double> epochs, string source = "parameter path")
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(epochs);
        if (models.Count < 2) throw new ScyfiInputException($"{source}: a path needs at least 2 checkpoints (got {models.Count})");
        if (models.Count > MaxCheckpoints) throw new ScyfiInputException($"{source}: {models.Count} checkpoints, more than {MaxCheckpoints}");
        if (epochs.Count != models.Count) throw new ScyfiInputException($"{source}: {epochs.Count} epochs for {models.Count} models");
        for (int i = 0; i < epochs.Count; i++)
        {
            if (!double.IsFinite(epochs[i])) throw new ScyfiInputException($"{source}: epoch {i} is not a finite number");
            if (i > 0 && !(epochs[i] > epochs[i - 1]))
                throw new ScyfiInputException($"{source}: epochs must increase strictly (epoch {Format(epochs[i])} follows {Format(epochs[i - 1])})");
        }
        string shape = Shape(models[0]);
        for (int i = 1; i < models.Count; i++)
        {
            string other = Shape(models[i]);
            if (other != shape)
                throw new ScyfiInputException($"{source}: the checkpoint of epoch {Format(epochs[i])} is a {other}, but the first is a {shape}; a path needs one model type and shape");
        }
        _models = models.ToArray();
        _epochs = epochs.ToArray();
    }

    /// <summary>Number of checkpoints N.</summary>
    public int Count => _models.Length;

    /// <summary>
    /// Tile size for a sweep along the path: ⌈N/8⌉ checkpoints, between 2 and 16 — enough tiles to
    /// keep the cores (or cluster workers) busy on runs of a few dozen checkpoints, and long enough
    /// that most checkpoints are warm-started from the one before.
    /// </summary>
    public int SuggestedTile => Math.Clamp((Count + 7) / 8, 2, 16);

    /// <summary>The checkpoints, in path order.</summary>
    public IReadOnlyList<ReluModel> Models => _models;

    /// <summary>The epoch (label) of every checkpoint, strictly increasing.</summary>
    public IReadOnlyList<double> Epochs => _epochs;

    /// <summary>
    /// The model at <paramref name="position"/> ∈ [0, N − 1]: checkpoint i itself at an integer
    /// position (bit for bit), else (1 − t)·θ_i + t·θ_{i+1} for every parameter entry.
    /// </summary>
    public ReluModel ModelAt(double position)
    {
        var (i, t) = Segment(position);
        if (t == 0) return _models[i];
        var a = _models[i].Parameters;
        var b = _models[i + 1].Parameters;
        var mixed = new ParameterArray[a.Count];
        for (int p = 0; p < a.Count; p++)
        {
            var x = a[p].Data;
            var y = b[p].Data;
            var data = new double[x.Length];
            // (1 − t)·x + t·y rather than x + t·(y − x): exact at both ends, and never overshoots.
            for (int j = 0; j < data.Length; j++) data[j] = (1 - t) * x[j] + t * y[j];
            mixed[p] = new ParameterArray(a[p].Name, a[p].Rows, a[p].Cols, a[p].IsVector, data);
        }
        return _models[i].WithParameters(mixed);
    }

    /// <summary>The epoch at a (fractional) position: linear between the checkpoints' epochs.</summary>
    public double EpochAt(double position)
    {
        var (i, t) = Segment(position);
        return t == 0 ? _epochs[i] : (1 - t) * _epochs[i] + t * _epochs[i + 1];
    }

    /// <summary>True when the named parameter differs between any two checkpoints (false when it does not exist).</summary>
    public bool Varies(string parameter)
    {
        var first = _models[0].Parameter(parameter);
        if (first is null) return false;
        return _models.Skip(1).Any(m => !m.Parameter(parameter)!.Data.AsSpan().SequenceEqual(first.Data));
    }

    /// <summary>The path as JSON: <c>{"epochs":[…],"models":[{model},…]}</c>, models inline.</summary>
    public JsonObject ToJsonNode() => new()
    {
        ["epochs"] = new JsonArray(_epochs.Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
        ["models"] = new JsonArray(_models.Select(m => JsonNode.Parse(ModelFile.ToJson(m))).ToArray()),
    };

    /// <summary>
    /// Reads <c>{"epochs":[…],"models":[…]}</c>: each model inline or a file path (relative to
    /// <paramref name="baseDirectory"/>; checkpoints in any format <see cref="ModelLoader"/> reads).
    /// Without <c>"epochs"</c> the labels are 0, 1, …, N − 1.
    /// </summary>
    public static ParameterPath FromElement(JsonElement el, string baseDirectory, string source)
    {
        ScyfiInputException Err(string m) => new($"{source}: path: {m}");
        if (el.ValueKind != JsonValueKind.Object) throw Err("expected an object {\"epochs\":[…],\"models\":[…]}");
        foreach (var p in el.EnumerateObject())
            if (p.Name is not ("epochs" or "models")) throw Err($"unknown field \"{p.Name}\" (expected epochs, models)");
        if (!el.TryGetProperty("models", out var modelsEl) || modelsEl.ValueKind != JsonValueKind.Array)
            throw Err("missing \"models\" (an array of models, inline or file paths)");
        var models = new List<ReluModel>(modelsEl.GetArrayLength());
        foreach (var m in modelsEl.EnumerateArray())
        {
            models.Add(m.ValueKind switch
            {
                JsonValueKind.String => ModelLoader.Load(Path.Combine(baseDirectory, m.GetString()!)),
                JsonValueKind.Object => ModelFile.FromElement(m, $"{source}: path model {models.Count}"),
                _ => throw Err($"model {models.Count} must be a file path or an inline model object"),
            });
        }
        var epochs = new List<double>(models.Count);
        if (el.TryGetProperty("epochs", out var epochsEl))
        {
            if (epochsEl.ValueKind != JsonValueKind.Array) throw Err("\"epochs\" must be an array of numbers");
            foreach (var e in epochsEl.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v)) throw Err($"epoch {epochs.Count} is not a number");
                epochs.Add(v);
            }
        }
        else epochs.AddRange(Enumerable.Range(0, models.Count).Select(i => (double)i));
        return new ParameterPath(models, epochs, $"{source}: path");
    }

    /// <summary>Segment index i and fraction t ∈ [0, 1) of a position (t = 0 at the last checkpoint).</summary>
    private (int I, double T) Segment(double position)
    {
        if (!(position >= 0 && position <= _models.Length - 1))
            throw new ArgumentOutOfRangeException(nameof(position), position, $"a position on a path of {_models.Length} checkpoints lies in [0, {_models.Length - 1}]");
        int i = Math.Min((int)Math.Floor(position), _models.Length - 1);
        double t = position - i;
        if (i == _models.Length - 1) t = 0;
        return (i, t);
    }

    /// <summary>"plrnn with A 2, W 2×2, h 2" — what must agree along a path.</summary>
    private static string Shape(ReluModel m) =>
        $"{m.Type} with {string.Join(", ", m.Parameters.Select(p => p.IsVector ? $"{p.Name} {p.Rows}" : $"{p.Name} {p.Rows}×{p.Cols}"))}"
        + (m is Alrnn al ? $", P = {al.ReluCount}" : "");

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
