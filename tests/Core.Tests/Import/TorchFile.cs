using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Scyfi.Core.Tests.Import;

/// <summary>
/// Builds a PyTorch checkpoint file as torch.save writes it: a zip with &lt;archive&gt;/data.pkl (a protocol-2
/// pickle whose tensors are _rebuild_tensor_v2 calls on persistent storage ids), &lt;archive&gt;/data/&lt;key&gt;
/// (raw values) and &lt;archive&gt;/byteorder. Tensors may be any strided view of any storage. The pickle is
/// either a state_dict (an OrderedDict, optionally wrapped in a dict) or a whole pickled nn.Module.
/// </summary>
internal sealed class TorchFile
{
    private readonly List<(string Key, string Type, double[] Values)> _storages = [];
    private readonly List<(string Name, Tensor T)> _tensors = [];
    private readonly List<(string Name, object? Value)> _attributes = [];

    public sealed record Tensor(string StorageKey, long Offset, int[] Size, long[] Stride);

    /// <summary>A module's class, for attributes that are submodules (e.g. latent_step.norm = Identity).</summary>
    public sealed record Module(string ClassName);

    public string Archive { get; set; } = "archive";
    public bool BigEndian { get; set; }
    public bool WriteByteOrder { get; set; } = true;

    /// <summary>When set, the state_dict is stored as {WrapIn: state_dict, "epoch": 7, "optimizer": {…}}.</summary>
    public string? WrapIn { get; set; }

    /// <summary>When set, the pickle is a whole module of this class; dotted names become submodules.</summary>
    public string? ModuleClass { get; set; }

    /// <summary>A storage of the given torch storage type (DoubleStorage, FloatStorage, HalfStorage, BFloat16Storage, LongStorage).</summary>
    public string Storage(string type, params double[] values)
    {
        string key = _storages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _storages.Add((key, type, values));
        return key;
    }

    public TorchFile View(string name, string storageKey, long offset, int[] size, long[] stride)
    {
        _tensors.Add((name, new Tensor(storageKey, offset, size, stride)));
        return this;
    }

    public TorchFile Vector(string name, double[] v, string type = "DoubleStorage") =>
        View(name, Storage(type, v), 0, [v.Length], [1]);

    public TorchFile Matrix(string name, double[,] m, string type = "DoubleStorage")
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var flat = new double[r * c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
                flat[i * c + j] = m[i, j];
        return View(name, Storage(type, flat), 0, [r, c], [c, 1]);
    }

    /// <summary>A plain attribute (module mode) or extra entry of the wrapping dict.</summary>
    public TorchFile Attribute(string name, object? value)
    {
        _attributes.Add((name, value));
        return this;
    }

    /// <summary>The pickle alone (data.pkl).</summary>
    public byte[] Pickle()
    {
        var p = new PickleEmitter();
        if (ModuleClass is not null) EmitModule(p, ModuleClass, "");
        else if (WrapIn is not null)
        {
            p.EmptyDict().Mark();
            p.Str(WrapIn);
            EmitStateDict(p);
            p.Str("epoch").Int(7);
            // Optimizer state keyed by integers, with tensors that are no model parameters.
            p.Str("optimizer").EmptyDict().Mark().Str("state").EmptyDict().Mark().Int(0).EmptyDict().Mark()
                .Str("step").Int(120).SetItems().SetItems().SetItems();
            foreach (var (name, value) in _attributes) p.Str(name).Value(value);
            p.SetItems();
        }
        else EmitStateDict(p);
        return p.Finish();
    }

    /// <summary>The checkpoint file bytes.</summary>
    public byte[] Bytes() => Zip(Pickle());

    /// <summary>A zip with the given data.pkl and this file's storages.</summary>
    public byte[] Zip(byte[] pickle, bool includeStorages = true)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, $"{Archive}/data.pkl", pickle);
            if (WriteByteOrder) Add(zip, $"{Archive}/byteorder", Encoding.ASCII.GetBytes(BigEndian ? "big" : "little"));
            if (includeStorages)
                foreach (var (key, type, values) in _storages) Add(zip, $"{Archive}/data/{key}", Encode(type, values, BigEndian));
            Add(zip, $"{Archive}/version", Encoding.ASCII.GetBytes("3\n"));
        }
        return ms.ToArray();
    }

    public string WriteTo(string directory, string fileName)
    {
        string path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, Bytes());
        return path;
    }

    private void EmitStateDict(PickleEmitter p)
    {
        p.Global("collections", "OrderedDict").EmptyTuple().Reduce();
        if (_tensors.Count > 0)
        {
            p.Mark();
            foreach (var (name, t) in _tensors) EmitTensor(p.Str(name), t);
            p.SetItems();
        }
        // torch attaches _metadata to a state_dict; it arrives through BUILD.
        p.EmptyDict().Mark().Str("_metadata");
        p.Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark().Str("").Dict([new("version", 1L)]).SetItems();
        p.SetItems().Build();
    }

    private void EmitModule(PickleEmitter p, string className, string path)
    {
        string prefix = path.Length == 0 ? "" : path + ".";
        bool Direct(string name) => name.StartsWith(prefix, StringComparison.Ordinal) && !name[prefix.Length..].Contains('.');
        var children = _tensors.Select(t => t.Name).Concat(_attributes.Select(a => a.Name))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n[prefix.Length..].Contains('.'))
            .Select(n => n[prefix.Length..].Split('.')[0]).Distinct().ToList();

        p.Global("__main__", className).EmptyTuple().NewObj();
        p.EmptyDict().Mark();
        p.Str("training").Bool(false);
        p.Str("_parameters").Global("collections", "OrderedDict").EmptyTuple().Reduce();
        var own = _tensors.Where(t => Direct(t.Name)).ToList();
        if (own.Count > 0)
        {
            p.Mark();
            foreach (var (name, t) in own)
            {
                // nn.Parameter pickles as _rebuild_parameter(tensor, requires_grad, hooks).
                p.Str(name[prefix.Length..]).Global("torch._utils", "_rebuild_parameter").Mark();
                EmitTensor(p, t);
                p.Bool(true).Global("collections", "OrderedDict").EmptyTuple().Reduce().Tuple().Reduce();
            }
            p.SetItems();
        }
        p.Str("_buffers").Global("collections", "OrderedDict").EmptyTuple().Reduce();
        p.Str("_non_persistent_buffers_set").Global("builtins", "set").EmptyList().Tuple1().Reduce();
        p.Str("_modules").Global("collections", "OrderedDict").EmptyTuple().Reduce();
        var submodules = _attributes.Where(a => Direct(a.Name) && a.Value is Module).ToList();
        if (children.Count + submodules.Count > 0)
        {
            p.Mark();
            foreach (string child in children) { p.Str(child); EmitModule(p, "Step", prefix + child); }
            foreach (var (name, value) in submodules)
                p.Str(name[prefix.Length..]).Global("torch.nn.modules.linear", ((Module)value!).ClassName).EmptyTuple().NewObj()
                    .EmptyDict().Mark().Str("training").Bool(false).SetItems().Build();
            p.SetItems();
        }
        foreach (var (name, value) in _attributes.Where(a => Direct(a.Name) && a.Value is not Module))
            p.Str(name[prefix.Length..]).Value(value);
        p.SetItems().Build();
    }

    private void EmitTensor(PickleEmitter p, Tensor t)
    {
        var s = _storages.Single(x => x.Key == t.StorageKey);
        p.Global("torch._utils", "_rebuild_tensor_v2").Mark();
        p.Mark().Str("storage").Global("torch", s.Type).Str(s.Key).Str("cpu").Int(s.Values.Length).Tuple().BinPersId();
        p.Int(t.Offset).IntTuple(t.Size.Select(x => (long)x)).IntTuple(t.Stride);
        p.Bool(false).Global("collections", "OrderedDict").EmptyTuple().Reduce();
        p.Tuple().Reduce();
    }

    private static byte[] Encode(string type, double[] values, bool bigEndian)
    {
        int size = type switch { "DoubleStorage" or "LongStorage" => 8, "FloatStorage" => 4, _ => 2 };
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            var b = bytes.AsSpan(i * size, size);
            switch (type)
            {
                case "DoubleStorage":
                    if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(b, values[i]); else BinaryPrimitives.WriteDoubleLittleEndian(b, values[i]);
                    break;
                case "FloatStorage":
                    if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(b, (float)values[i]); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)values[i]);
                    break;
                case "LongStorage":
                    if (bigEndian) BinaryPrimitives.WriteInt64BigEndian(b, (long)values[i]); else BinaryPrimitives.WriteInt64LittleEndian(b, (long)values[i]);
                    break;
                case "HalfStorage":
                    if (bigEndian) BinaryPrimitives.WriteHalfBigEndian(b, (Half)values[i]); else BinaryPrimitives.WriteHalfLittleEndian(b, (Half)values[i]);
                    break;
                case "BFloat16Storage":
                    ushort bits = (ushort)(BitConverter.SingleToInt32Bits((float)values[i]) >> 16);
                    if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, bits); else BinaryPrimitives.WriteUInt16LittleEndian(b, bits);
                    break;
                default:
                    throw new ArgumentException($"unknown storage type {type}");
            }
        }
        return bytes;
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        // torch.save stores entries uncompressed.
        var e = zip.CreateEntry(name, CompressionLevel.NoCompression);
        using var s = e.Open();
        s.Write(content);
    }
}
