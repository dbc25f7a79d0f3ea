using Scyfi.Core.Import;
using Scyfi.Core.Models;
using Xunit;
using static Scyfi.Core.Tests.Import.ImportAssert;

namespace Scyfi.Core.Tests.Import;

/// <summary>
/// PyTorch checkpoints written by the test as torch.save does: every known key layout, strided and
/// offset views, float32/half promotion, byte order, wrapped and module pickles, and the refusals.
/// </summary>
public sealed class TorchCheckpointTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    internal static readonly double[] A = [0.5, -0.25];
    internal static readonly double[,] W1 = { { 0.1, -0.2, 0.3 }, { 0.4, 0.5, -0.6 } };
    internal static readonly double[,] W2 = { { 1.5, -0.5 }, { 0.25, 0.75 }, { -1.0, 2.0 } };
    internal static readonly double[] H1 = [0.01, -0.02];
    internal static readonly double[] H2 = [0.3, -0.1, 0.2];

    internal static ShallowPlrnn ExpectedShallow() => new(V("A", A), M("W1", W1), M("W2", W2), V("h1", H1), V("h2", H2));

    private static TorchFile Shallow(string prefix = "latent_model.latent_step.") => new TorchFile()
        .Matrix(prefix + "W1", W1).Matrix(prefix + "W2", W2).Vector(prefix + "A", A).Vector(prefix + "h2", H2).Vector(prefix + "h1", H1)
        .Matrix("output_layer.weight", new double[,] { { 1, 0 } }, "FloatStorage");

    private ReluModel Load(TorchFile file, string name = "model.pt", ImportOptions? options = null) =>
        ModelLoader.Load(file.WriteTo(_dir.Path, name), options);

    [Fact]
    public void Shallow_state_dict_loads_with_exactly_its_parameters()
    {
        Same(ExpectedShallow(), Load(Shallow()));
    }

    [Fact]
    public void Shallow_alias_AW_stands_for_A_and_must_agree_with_it()
    {
        var aliasOnly = new TorchFile().Matrix("W1", W1).Matrix("W2", W2).Vector("AW", A).Vector("h1", H1).Vector("h2", H2);
        Same(ExpectedShallow(), Load(aliasOnly, "alias.pt"));

        // The MTF shallow step registers A twice (AW = A): one storage, two keys.
        var both = new TorchFile().Matrix("W1", W1).Matrix("W2", W2).Vector("h1", H1).Vector("h2", H2);
        string a = both.Storage("DoubleStorage", A);
        both.View("A", a, 0, [2], [1]).View("AW", a, 0, [2], [1]);
        Same(ExpectedShallow(), Load(both, "both.pt"));

        var differ = new TorchFile().Matrix("W1", W1).Matrix("W2", W2).Vector("A", A).Vector("AW", [0.5, 0.25]).Vector("h1", H1).Vector("h2", H2);
        string path = differ.WriteTo(_dir.Path, "differ.pt");
        Refused(() => ModelLoader.Load(path), path, "'A' and 'AW' differ");
    }

    [Fact]
    public void Float32_half_and_bfloat16_parameters_are_promoted_exactly()
    {
        double[] a32 = [0.1, -0.7];
        var file = new TorchFile().Vector("A", a32, "FloatStorage").Matrix("W1", W1, "FloatStorage").Matrix("W2", W2, "HalfStorage")
            .Vector("h1", H1, "BFloat16Storage").Vector("h2", H2);
        var model = Load(file);
        Assert.Equal(a32.Select(x => (double)(float)x), model.Parameter("A")!.Data);
        Assert.NotEqual(0.1, model.Parameter("A")!.Data[0]);   // float32 0.1 is not double 0.1
        Assert.Equal(NpyFile.Flat(W1).Select(x => (double)(float)x), model.Parameter("W1")!.Data);
        Assert.Equal(NpyFile.Flat(W2).Select(x => (double)(Half)x), model.Parameter("W2")!.Data);
        Assert.Equal(H1.Select(x => (double)BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits((float)x) & unchecked((int)0xFFFF0000))),
            model.Parameter("h1")!.Data);
    }

    [Fact]
    public void Diagonal_view_of_a_square_storage_is_honoured()
    {
        // As in the ALRNN tutorial model: A is the diagonal of an M×M storage (size M, stride M + 1).
        const int m = 3;
        var square = new double[m * m];
        for (int i = 0; i < square.Length; i++) square[i] = 100 + i;
        double[] diag = [-0.5, 0.25, 0.75];
        for (int i = 0; i < m; i++) square[i * m + i] = diag[i];
        var w = new double[,] { { 0, 0.1, 0.2 }, { 0.3, 0, 0.4 }, { 0.5, 0.6, 0 } };
        var file = new TorchFile().Vector("h", [0.1, 0.2, 0.3]).Matrix("W", w);
        file.View("A", file.Storage("FloatStorage", square), 0, [m], [m + 1]);
        var model = Load(file, "lorenz_m3_p2.pt");
        Same(new Alrnn(V("A", diag.Select(x => (double)(float)x).ToArray()), M("W", w), V("h", 0.1, 0.2, 0.3), 2), model);
    }

    [Fact]
    public void Offsets_and_strides_of_views_into_one_shared_storage_are_honoured()
    {
        // One flat buffer holds every parameter (as a flattened optimizer buffer would), with W1 stored
        // transposed (a view with strides (1, 2)) and h2 every other element.
        var flat = new List<double>();
        flat.AddRange(A);                                        // 0..1
        for (int j = 0; j < 3; j++) for (int i = 0; i < 2; i++) flat.Add(W1[i, j]);   // 2..7: W1ᵀ row-major
        flat.AddRange(NpyFile.Flat(W2));                         // 8..13
        flat.AddRange(H1);                                       // 14..15
        foreach (double x in H2) { flat.Add(x); flat.Add(999); } // 16..21, stride 2
        var file = new TorchFile();
        string s = file.Storage("DoubleStorage", flat.ToArray());
        file.View("A", s, 0, [2], [1]).View("W1", s, 2, [2, 3], [1, 2]).View("W2", s, 8, [3, 2], [2, 1])
            .View("h1", s, 14, [2], [1]).View("h2", s, 16, [3], [2]);
        Same(ExpectedShallow(), Load(file));
    }

    [Fact]
    public void Big_endian_storages_and_other_archive_names_read()
    {
        var file = Shallow();
        file.BigEndian = true;
        file.Archive = "model_1200";
        Same(ExpectedShallow(), Load(file));
    }

    [Fact]
    public void W1_and_W2_are_told_apart_by_shape_not_by_name()
    {
        // The file's "W1" is L×M and its "W2" M×L: the names are swapped, the shapes say which is which.
        var swapped = new TorchFile().Matrix("W1", W2).Matrix("W2", W1).Vector("A", A).Vector("h1", H1).Vector("h2", H2);
        Same(ExpectedShallow(), Load(swapped, "swapped.pt"));
        // Two M×L matrices: no assignment of roles fits.
        var file = new TorchFile().Matrix("W1", W1).Matrix("W2", Transpose(W2)).Vector("A", A).Vector("h1", H1).Vector("h2", H2);
        string path = file.WriteTo(_dir.Path, "wrong.pt");
        Refused(() => ModelLoader.Load(path), path, "M = 2, L = 3", "M×L = 2×3");
    }

    [Fact]
    public void Square_W1_and_W2_need_the_user_to_say_which_is_which()
    {
        var w1 = new double[,] { { 1, 2 }, { 3, 4 } };
        var w2 = new double[,] { { 5, 6 }, { 7, 8 } };
        var file = new TorchFile().Matrix("W1", w1).Matrix("W2", w2).Vector("A", A).Vector("h1", H1).Vector("h2", [0.5, -0.5]);
        string path = file.WriteTo(_dir.Path, "square.pt");
        Refused(() => ModelLoader.Load(path), path, "M = L = 2", "--w1 W1", "--w1 W2");

        var asNamed = (ShallowPlrnn)ModelLoader.Load(path, new ImportOptions { W1 = "W1" });
        Assert.Equal(NpyFile.Flat(w1), asNamed.Parameter("W1")!.Data);
        var swapped = (ShallowPlrnn)ModelLoader.Load(path, new ImportOptions { W1 = "w2" });
        Assert.Equal(NpyFile.Flat(w2), swapped.Parameter("W1")!.Data);
        Assert.Equal(NpyFile.Flat(w1), swapped.Parameter("W2")!.Data);
        Refused(() => ModelLoader.Load(path, new ImportOptions { W1 = "V" }), "--w1 must be W1 or W2");
    }

    [Fact]
    public void Combined_AW_splits_into_diagonal_A_and_off_diagonal_W()
    {
        var aw = new double[,] { { 0.9, -0.3, 0.2 }, { 0.4, 0.8, 0.1 }, { -0.5, 0.6, 0.7 } };
        double[] h = [0.1, -0.2, 0.3];
        var file = new TorchFile().Matrix("latent_model.latent_step.AW", aw, "FloatStorage").Vector("latent_model.latent_step.h", h, "FloatStorage")
            .Matrix("latent_model.z0_model.MLP.weight", new double[,] { { 1, 2 } });
        string path = file.WriteTo(_dir.Path, "model_25.pt");
        _dir.Write("hypers.pkl", HypersPickle(("mean_centering", 0L), ("clip_range", null), ("latent_model", "PLRNN")));
        var model = ModelLoader.Load(path);
        var expectedW = new double[,] { { 0, -0.3, 0.2 }, { 0.4, 0, 0.1 }, { -0.5, 0.6, 0 } };
        Same(new Plrnn(V("A", F32(0.9, 0.8, 0.7)), M("W", F32(expectedW)), V("h", F32(h))), model);
    }

    [Fact]
    public void Combined_AW_is_also_read_with_a_hypers_txt()
    {
        var file = new TorchFile().Matrix("latent_model.latent_step.AW", new double[,] { { 0.5, 0.1 }, { 0.2, 0.3 } }).Vector("latent_model.latent_step.h", [1, 2]);
        string path = file.WriteTo(_dir.Path, "model_5.pt");
        _dir.Write("hypers.txt", "experiment example\nmean_centering 0\nclip_range None\nlearning_rate 0.001\n");
        Assert.IsType<Plrnn>(ModelLoader.Load(path));
    }

    [Theory]
    [InlineData("mean_centering", 1L, null, "mean-centred ReLU", "mean_centering = 1 in the hypers.pkl")]
    [InlineData("layer_norm", 1L, null, "mean-centred ReLU", "layer_norm = 1")]
    [InlineData("mean_centering", 0L, 10.0, "state clipping", "clip_range = 10 in the hypers.pkl")]
    public void Features_that_change_the_map_are_refused(string centringKey, long centring, object? clip, string feature, string where)
    {
        var file = new TorchFile().Matrix("latent_model.latent_step.AW", new double[,] { { 0.5, 0.1 }, { 0.2, 0.3 } }).Vector("latent_model.latent_step.h", [1, 2]);
        string path = file.WriteTo(_dir.Path, "model_100.pt");
        _dir.Write("hypers.pkl", HypersPickle((centringKey, centring), ("clip_range", clip)));
        Refused(() => ModelLoader.Load(path), path, feature, where, "cannot represent exactly");
    }

    [Fact]
    public void Combined_AW_without_hypers_is_refused_because_the_defaults_change_the_map()
    {
        var file = new TorchFile().Matrix("latent_model.latent_step.AW", new double[,] { { 0.5, 0.1 }, { 0.2, 0.3 } }).Vector("latent_model.latent_step.h", [1, 2]);
        string path = file.WriteTo(_dir.Path, "model_100.pt");
        Refused(() => ModelLoader.Load(path), path, "mean_centering = 1 and clip_range = 10", "hypers.pkl");
        _dir.Write("hypers.txt", "mean_centering 0\n");
        Refused(() => ModelLoader.Load(path), path, "defaults clip_range = 10 change the map");
    }

    [Fact]
    public void Dendritic_bases_are_refused()
    {
        var file = new TorchFile().Matrix("latent_model.latent_step.AW", new double[,] { { 0.5, 0.1 }, { 0.2, 0.3 } }).Vector("latent_model.latent_step.h", [1, 2])
            .Vector("latent_model.latent_step.alphas", [0.1, 0.2, 0.3]).Matrix("latent_model.latent_step.thetas", new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        string path = file.WriteTo(_dir.Path, "dend.pt");
        _dir.Write("hypers.pkl", HypersPickle(("mean_centering", 0L), ("clip_range", null)));
        Refused(() => ModelLoader.Load(path), path, "dendritic", "latent_model.latent_step.alphas", "latent_model.latent_step.thetas", "cannot represent dendritic bases exactly");
    }

    [Fact]
    public void State_dict_wrapped_in_a_training_checkpoint_dict_loads()
    {
        var file = Shallow("");
        file.WrapIn = "model_state_dict";
        Same(ExpectedShallow(), Load(file));
    }

    [Fact]
    public void Whole_pickled_ALRNN_module_gives_P_from_its_attribute()
    {
        var w = new double[,] { { 0.1, 0.2 }, { 0.3, 0.4 } };
        var file = new TorchFile { ModuleClass = "AL_RNN" }.Vector("A", [0.5, 0.6]).Matrix("W", w).Vector("h", [0, 1])
            .Matrix("B", new double[,] { { 1, 0 } }).Attribute("M", 2L).Attribute("P", 1L).Attribute("N", 1L);
        Same(new Alrnn(V("A", 0.5, 0.6), M("W", w), V("h", 0, 1), 1), Load(file, "alrnn.pt"));
        Same(new Alrnn(V("A", 0.5, 0.6), M("W", w), V("h", 0, 1), 1), Load(file, "alrnn.pt", new ImportOptions { ReluCount = 1 }));
        string path = Path.Combine(_dir.Path, "alrnn.pt");
        Refused(() => ModelLoader.Load(path, new ImportOptions { ReluCount = 2 }), path, "stores P = 1", "--relu-count 2");
    }

    [Fact]
    public void Whole_pickled_PLRNN_module_says_itself_whether_it_centres_or_clips()
    {
        var aw = new double[,] { { 0.5, 0.1 }, { 0.2, 0.3 } };
        var plain = new TorchFile { ModuleClass = "PLRNN" }.Matrix("latent_model.latent_step.AW", aw).Vector("latent_model.latent_step.h", [1, 2])
            .Attribute("latent_model.latent_step.clip_range", null).Attribute("latent_model.latent_step.norm", new TorchFile.Module("Identity"));
        Same(new Plrnn(V("A", 0.5, 0.3), M("W", new double[,] { { 0, 0.1 }, { 0.2, 0 } }), V("h", 1, 2)), Load(plain, "plain.pt"));

        var clipped = new TorchFile { ModuleClass = "PLRNN" }.Matrix("latent_model.latent_step.AW", aw).Vector("latent_model.latent_step.h", [1, 2])
            .Attribute("latent_model.latent_step.clip_range", 10.0).Attribute("latent_model.latent_step.norm", new TorchFile.Module("Identity"));
        string path = clipped.WriteTo(_dir.Path, "clipped.pt");
        Refused(() => ModelLoader.Load(path), path, "state clipping", "latent_model.latent_step.clip_range = 10 in the checkpoint");
    }

    [Fact]
    public void ALRNN_P_comes_from_the_option_or_the_name_or_is_asked_for()
    {
        var w = new double[,] { { 0.1, 0.2, 0 }, { 0.3, 0.4, 0 }, { 0, 0, 0.5 } };
        var file = new TorchFile().Vector("A", [0.5, 0.6, 0.7]).Matrix("W", w).Vector("h", [0, 1, 2]).Matrix("B", new double[,] { { 1, 0, 0 } });
        var expected = new Alrnn(V("A", 0.5, 0.6, 0.7), M("W", w), V("h", 0, 1, 2), 2);
        Same(expected, Load(file, "lorenz_m3_p2.pt"));
        Directory.CreateDirectory(Path.Combine(_dir.Path, "run_m3_p2"));
        Same(expected, ModelLoader.Load(file.WriteTo(Path.Combine(_dir.Path, "run_m3_p2"), "model_100.pt")));
        Same(expected, Load(file, "alrnn.pt", new ImportOptions { ReluCount = 2 }));

        string path = file.WriteTo(_dir.Path, "alrnn.pt");
        Refused(() => ModelLoader.Load(path), path, "--relu-count P", "M = 3");
        Refused(() => ModelLoader.Load(path, new ImportOptions { ReluCount = 4 }), path, "--relu-count 4 must lie between 0 and M = 3");
        // A name that states another M describes another model: it is not trusted for P.
        string other = file.WriteTo(_dir.Path, "lorenz_m20_p2.pt");
        Refused(() => ModelLoader.Load(other), other, "--relu-count P");
    }

    [Fact]
    public void Options_for_other_model_types_are_refused()
    {
        string path = Shallow().WriteTo(_dir.Path, "sh.pt");
        Refused(() => ModelLoader.Load(path, new ImportOptions { ReluCount = 1 }), path, "--relu-count is for ALRNN checkpoints", "shPLRNN");
        var alrnn = new TorchFile().Vector("A", [0.5]).Matrix("W", new double[,] { { 0.1 } }).Vector("h", [0]);
        string p2 = alrnn.WriteTo(_dir.Path, "al.pt");
        Refused(() => ModelLoader.Load(p2, new ImportOptions { ReluCount = 1, W1 = "W1" }), p2, "--w1 is for shPLRNN checkpoints");
    }

    [Fact]
    public void Unknown_layout_lists_what_the_checkpoint_holds()
    {
        var file = new TorchFile().Matrix("encoder.weight", new double[,] { { 1, 2 } }).Vector("encoder.bias", [0]);
        string path = file.WriteTo(_dir.Path, "mlp.pt");
        Refused(() => ModelLoader.Load(path), path, "no model layout Scyfi knows", "encoder.bias, encoder.weight");
    }

    [Fact]
    public void Non_finite_and_integer_parameters_are_refused()
    {
        var nan = new TorchFile().Matrix("W1", W1).Matrix("W2", W2).Vector("A", [0.5, double.NaN]).Vector("h1", H1).Vector("h2", H2);
        string p1 = nan.WriteTo(_dir.Path, "nan.pt");
        Refused(() => ModelLoader.Load(p1), p1, "'A' holds NaN at [1]");
        var ints = new TorchFile().Matrix("W1", W1).Matrix("W2", W2).Vector("A", [1, 2], "LongStorage").Vector("h1", H1).Vector("h2", H2);
        string p2 = ints.WriteTo(_dir.Path, "ints.pt");
        Refused(() => ModelLoader.Load(p2), p2, "'A' holds int64 values");
    }

    [Fact]
    public void Corrupt_files_are_named_in_one_line()
    {
        string notZip = _dir.Write("garbage.pt", [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Refused(() => ModelLoader.Load(notZip), notZip, "not a readable PyTorch checkpoint", "not a zip archive");

        string legacy = _dir.Write("legacy.pt", [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]);
        Refused(() => ModelLoader.Load(legacy), legacy, "legacy torch.save format");

        var file = Shallow();
        byte[] pickle = file.Pickle();
        string truncated = _dir.Write("truncated.pt", file.Zip(pickle[..(pickle.Length / 2)]));
        Refused(() => ModelLoader.Load(truncated), truncated, "not a readable PyTorch checkpoint");

        string noStorages = _dir.Write("nostorage.pt", file.Zip(pickle, includeStorages: false));
        Refused(() => ModelLoader.Load(noStorages), noStorages, "storage data/0 is missing");

        var outside = new TorchFile();
        string s = outside.Storage("DoubleStorage", 1, 2, 3, 4);
        outside.View("A", s, 1, [2], [3]);
        string oob = outside.WriteTo(_dir.Path, "outside.pt");
        Refused(() => ModelLoader.Load(oob), oob, "reaches element 4 of a storage of 4");

        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, true))
            zip.CreateEntry("archive/version");
        string noPickle = _dir.Write("nopickle.pt", ms.ToArray());
        Refused(() => ModelLoader.Load(noPickle), noPickle, "has no <archive>/data.pkl");
    }

    [Fact]
    public void Storage_shorter_than_its_element_count_is_corrupt()
    {
        var file = Shallow();
        byte[] zip = file.Bytes();
        // Rewrite with storage 0 cut short.
        using var input = new MemoryStream(zip);
        using var output = new MemoryStream();
        using (var src = new System.IO.Compression.ZipArchive(input, System.IO.Compression.ZipArchiveMode.Read))
        using (var dst = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, true))
            foreach (var e in src.Entries)
            {
                using var r = e.Open();
                using var buffer = new MemoryStream();
                r.CopyTo(buffer);
                byte[] bytes = buffer.ToArray();
                if (e.FullName == "archive/data/0") bytes = bytes[..5];
                using var w = dst.CreateEntry(e.FullName).Open();
                w.Write(bytes);
            }
        string path = _dir.Write("short.pt", output.ToArray());
        Refused(() => ModelLoader.Load(path), path, "storage data/0 holds 5 bytes");
    }

    internal static byte[] HypersPickle(params (string Key, object? Value)[] items) =>
        new PickleEmitter().Dict(items.Select(i => new KeyValuePair<string, object?>(i.Key, i.Value))).Finish();

    private static double[,] Transpose(double[,] m)
    {
        var t = new double[m.GetLength(1), m.GetLength(0)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                t[j, i] = m[i, j];
        return t;
    }

    private static double[] F32(params double[] v) => v.Select(x => (double)(float)x).ToArray();

    private static double[,] F32(double[,] m)
    {
        var r = new double[m.GetLength(0), m.GetLength(1)];
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(1); j++)
                r[i, j] = (float)m[i, j];
        return r;
    }
}
