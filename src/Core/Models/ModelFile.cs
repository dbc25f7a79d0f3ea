using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scyfi.Core.Models;

/// <summary>
/// Reads and writes model files (JSON, the schema of the shared reference cases):
/// <c>{"type":"plrnn","A":[..]|[[..]],"W":[[..]],"h":[..]}</c>,
/// <c>{"type":"shplrnn"|"clipped-shplrnn","A":[..],"W1":[[..]],"W2":[[..]],"h1":[..],"h2":[..]}</c>,
/// <c>{"type":"alrnn","A":[..],"W":[[..]],"h":[..],"reluCount":P}</c>.
/// Every mistake becomes a <see cref="ScyfiInputException"/> naming the field and the problem.
/// </summary>
public static class ModelFile
{
    /// <summary>The model types Scyfi reads.</summary>
    public static readonly string[] Types = ["plrnn", "shplrnn", "clipped-shplrnn", "alrnn"];

    /// <summary>Loads a model file.</summary>
    public static ReluModel Load(string path)
    {
        if (Directory.Exists(path)) throw new ScyfiInputException($"model '{path}' is a directory, not a model file");
        if (!File.Exists(path)) throw new ScyfiInputException($"model file '{path}' not found");
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScyfiInputException($"model file '{path}' cannot be read: {e.Message}");
        }
        return Parse(text, $"model file '{path}'");
    }

    /// <summary>Parses model JSON text; <paramref name="source"/> names it in error messages.</summary>
    public static ReluModel Parse(string json, string source = "model")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException e)
        {
            throw new ScyfiInputException($"{source} is not valid JSON: {ScyfiInputException.FirstLine(e.Message)}");
        }
        using (doc) return FromElement(doc.RootElement, source);
    }

    /// <summary>Builds a model from a JSON object (also used for models inline in sweep specs).</summary>
    public static ReluModel FromElement(JsonElement root, string source = "model")
    {
        if (root.ValueKind != JsonValueKind.Object) throw new ScyfiInputException($"{source}: expected a JSON object with a \"type\" field");
        if (!root.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
            throw new ScyfiInputException($"{source}: missing \"type\" (one of {string.Join(", ", Types)})");
        string type = typeEl.GetString()!;
        var r = new Reader(root, source);
        switch (type)
        {
            case "plrnn":
            {
                var h = r.Vector("h");
                int m = h.Rows;
                if (m == 0) throw new ScyfiInputException($"{source}: h is empty; the state dimension must be at least 1");
                var a = r.DiagonalOrSquare("A", m);
                var w = r.Matrix("W", m, m);
                r.RejectUnknown("type", "A", "W", "h");
                return new Plrnn(a, w, h);
            }
            case "alrnn":
            {
                var h = r.Vector("h");
                int m = h.Rows;
                if (m == 0) throw new ScyfiInputException($"{source}: h is empty; the state dimension must be at least 1");
                var a = r.DiagonalOrSquare("A", m);
                var w = r.Matrix("W", m, m);
                int p = r.Integer("reluCount");
                if (p < 0 || p > m) throw new ScyfiInputException($"{source}: reluCount = {p} must lie between 0 and M = {m}");
                r.RejectUnknown("type", "A", "W", "h", "reluCount");
                return new Alrnn(a, w, h, p);
            }
            case "shplrnn":
            case "clipped-shplrnn":
            {
                var h1 = r.Vector("h1");
                var h2 = r.Vector("h2");
                int m = h1.Rows, l = h2.Rows;
                if (m == 0) throw new ScyfiInputException($"{source}: h1 is empty; the state dimension must be at least 1");
                if (l == 0) throw new ScyfiInputException($"{source}: h2 is empty; the model needs at least one hidden unit");
                var a = r.DiagonalVector("A", m);
                var w1 = r.Matrix("W1", m, l);
                var w2 = r.Matrix("W2", l, m);
                r.RejectUnknown("type", "A", "W1", "W2", "h1", "h2");
                return type == "shplrnn" ? new ShallowPlrnn(a, w1, w2, h1, h2) : new ClippedShallowPlrnn(a, w1, w2, h1, h2);
            }
            default:
                throw new ScyfiInputException($"{source}: unknown model type '{type}' (expected one of {string.Join(", ", Types)})");
        }
    }

    /// <summary>The model as JSON in the file schema (numbers round-trip exactly).</summary>
    public static string ToJson(ReluModel model, bool indented = false)
    {
        var o = new JsonObject { ["type"] = model.Type };
        foreach (var p in model.Parameters)
        {
            if (p.IsVector) o[p.Name] = new JsonArray(p.Data.Select(x => (JsonNode)JsonValue.Create(x)).ToArray());
            else o[p.Name] = new JsonArray(p.ToRows().Select(row => (JsonNode)new JsonArray(row.Select(x => (JsonNode)JsonValue.Create(x)).ToArray())).ToArray());
        }
        if (model is Alrnn al) o["reluCount"] = al.ReluCount;
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = indented });
    }

    private readonly struct Reader(JsonElement root, string source)
    {
        public ParameterArray Vector(string name)
        {
            var el = Required(name);
            if (el.ValueKind != JsonValueKind.Array) throw Shape($"{name} must be an array of numbers");
            var data = new double[el.GetArrayLength()];
            int i = 0;
            foreach (var x in el.EnumerateArray())
            {
                data[i] = Number(x, $"{name}[{i}]");
                i++;
            }
            return ParameterArray.Vector(name, data);
        }

        public ParameterArray DiagonalVector(string name, int m)
        {
            var v = Vector(name);
            if (v.Rows != m) throw Shape($"{name} has {v.Rows} entries, expected M = {m}");
            return v;
        }

        public ParameterArray DiagonalOrSquare(string name, int m)
        {
            var el = Required(name);
            if (el.ValueKind == JsonValueKind.Array && el.GetArrayLength() > 0 && el[0].ValueKind == JsonValueKind.Array)
                return Matrix(name, m, m);
            return DiagonalVector(name, m);
        }

        public ParameterArray Matrix(string name, int rows, int cols)
        {
            var el = Required(name);
            if (el.ValueKind != JsonValueKind.Array) throw Shape($"{name} must be an array of rows");
            int n = el.GetArrayLength();
            if (n != rows) throw Shape($"{name} has {n} rows, expected {rows} ({Expect(name, rows, cols)})");
            var data = new double[rows * cols];
            int i = 0;
            foreach (var row in el.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array) throw Shape($"{name} row {i} must be an array of numbers");
                int len = row.GetArrayLength();
                if (len != cols) throw Shape($"{name} row {i} has {len} entries, expected {cols} ({Expect(name, rows, cols)})");
                int j = 0;
                foreach (var x in row.EnumerateArray())
                {
                    data[i * cols + j] = Number(x, $"{name}[{i},{j}]");
                    j++;
                }
                i++;
            }
            return new ParameterArray(name, rows, cols, false, data);
        }

        public int Integer(string name)
        {
            var el = Required(name);
            if (el.ValueKind != JsonValueKind.Number || !el.TryGetInt32(out int v))
                throw Shape($"{name} must be an integer");
            return v;
        }

        public void RejectUnknown(params string[] known)
        {
            foreach (var p in root.EnumerateObject())
                if (Array.IndexOf(known, p.Name) < 0)
                    throw Shape($"unknown field \"{p.Name}\" for this model type (expected {string.Join(", ", known.Skip(1))})");
        }

        private JsonElement Required(string name) =>
            root.TryGetProperty(name, out var el) ? el : throw Shape($"missing field \"{name}\"");

        private double Number(JsonElement x, string what)
        {
            if (x.ValueKind != JsonValueKind.Number) throw Shape($"{what} must be a number, found {Describe(x)}");
            if (!x.TryGetDouble(out double v) || !double.IsFinite(v)) throw Shape($"{what} is not a finite number");
            return v;
        }

        private static string Describe(JsonElement x) => x.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{x.GetString()}\"",
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => x.ValueKind.ToString().ToLowerInvariant(),
        };

        private static string Expect(string name, int rows, int cols) => $"{name} must be {rows}×{cols}";

        private ScyfiInputException Shape(string message) => new($"{source}: {message}");
    }
}
