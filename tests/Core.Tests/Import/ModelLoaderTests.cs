using Scyfi.Core.Import;
using Scyfi.Core.Models;
using Scyfi.Core.Sweeps;
using Scyfi.Core.Tests.Support;
using Xunit;
using static Scyfi.Core.Tests.Import.ImportAssert;

namespace Scyfi.Core.Tests.Import;

/// <summary>The entry point: dispatch by extension or content, JSON unchanged, clear refusals, sweeps reading checkpoints.</summary>
public sealed class ModelLoaderTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "checkpoints", name);

    [Fact]
    public void Model_json_goes_through_the_model_file_reader_unchanged()
    {
        Same(TestData.Model("gt16"), ModelLoader.Load(TestData.ModelPath("gt16")));
        string path = TestData.ModelPath("alrnn_fp");
        Refused(() => ModelLoader.Load(path, new ImportOptions { ReluCount = 1 }), path, "--relu-count only applies to checkpoints");
    }

    [Fact]
    public void Missing_files_directories_and_single_arrays_are_named()
    {
        string missing = Path.Combine(_dir.Path, "nowhere.pt");
        Refused(() => ModelLoader.Load(missing), missing, "not found");
        Refused(() => ModelLoader.Load(_dir.Path), _dir.Path, "is a directory");
        string npy = _dir.Write("W.npy", NpyFile.F8([1, 2]));
        Refused(() => ModelLoader.Load(npy), npy, "single NumPy array", "np.savez");
        string other = _dir.Write("notes.txt", "just some notes");
        Refused(() => ModelLoader.Load(other), other, "not a model format Scyfi reads");
    }

    [Fact]
    public void Files_without_a_known_extension_are_recognised_by_content()
    {
        // The ALRNN tutorial ships its models as extension-less torch.save files named like lorenz_m20_p2.
        string torch = _dir.Write("alrnn_8cycle_m2_p1", File.ReadAllBytes(Fixture("alrnn_8cycle_m2_p1.pt")));
        Same(TestData.Model("alrnn_8cycle"), ModelLoader.Load(torch));

        string json = _dir.Write("model.txt", File.ReadAllText(TestData.ModelPath("holes")));
        Same(TestData.Model("holes"), ModelLoader.Load(json));

        var latent = JuliaBson.Struct("PLRNN", JuliaBson.Vector([0.5], false), JuliaBson.Matrix(new double[,] { { 0.25 } }, false), JuliaBson.Vector([1], false), MongoDB.Bson.BsonNull.Value);
        string bson = _dir.Write("model.dat", JuliaBson.Checkpoint(latent));
        Same(new Plrnn(V("A", 0.5), M("W", new double[,] { { 0.25 } }), V("h", 1)), ModelLoader.Load(bson));

        string npz = _dir.Write("params", NpyFile.Npz([("A", NpyFile.F8([0.5])), ("W", NpyFile.F8(new double[,] { { 0.25 } })), ("h", NpyFile.F8([1]))]));
        Same(new Alrnn(V("A", 0.5), M("W", new double[,] { { 0.25 } }), V("h", 1), 1), ModelLoader.Load(npz, new ImportOptions { ReluCount = 1 }));
    }

    [Fact]
    public void Sweep_specs_may_name_a_checkpoint_as_their_model()
    {
        _dir.Write("alrnn_m2_p1.npz", NpyFile.Npz([
            ("A", NpyFile.F8([0.3, 0.2])), ("W", NpyFile.F8(new double[,] { { 0, 0.4 }, { 0.4, 0 } })), ("h", NpyFile.F8([0.3, 0.1]))]));
        string spec = _dir.Write("sweep.json", """
            {"model": "alrnn_m2_p1.npz", "maxOrder": 2,
             "axes": [{"name": "a", "from": 0, "to": 0.5, "points": 3}],
             "set": {"A[0]": {"a": 1}}}
            """);
        var loaded = SweepSpec.Load(spec);
        Same(new Alrnn(V("A", 0.3, 0.2), M("W", new double[,] { { 0, 0.4 }, { 0.4, 0 } }), V("h", 0.3, 0.1), 1), loaded.Model);
    }
}
