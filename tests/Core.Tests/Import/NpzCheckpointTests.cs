using Scyfi.Core.Import;
using Scyfi.Core.Models;
using Xunit;
using static Scyfi.Core.Tests.Import.ImportAssert;

namespace Scyfi.Core.Tests.Import;

/// <summary>NumPy .npz checkpoints: named arrays in the same layouts as PyTorch state_dicts.</summary>
public sealed class NpzCheckpointTests : IDisposable
{
    private readonly ScratchDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ALRNN_with_a_stored_P_loads()
    {
        var w = new double[,] { { 0, 0.5 }, { -0.5, 0 } };
        string path = _dir.Write("alrnn.npz", NpyFile.Npz([
            ("A", NpyFile.Bytes("<f4", [2], [0.3, 0.7])),
            ("W", NpyFile.Bytes(">f8", [2, 2], NpyFile.Flat(w), fortran: true)),
            ("h", NpyFile.F8([0.1, 0.2])),
            ("P", NpyFile.Bytes("<i8", [], [1])),
        ]));
        Same(new Alrnn(V("A", (float)0.3, (float)0.7), M("W", w), V("h", 0.1, 0.2), 1), ModelLoader.Load(path));
    }

    [Fact]
    public void Compressed_shplrnn_with_swapped_names_is_told_apart_by_shape()
    {
        string path = _dir.Write("sh.npz", NpyFile.Npz([
            ("A", NpyFile.F8(TorchCheckpointTests.A)),
            ("W1", NpyFile.F8(TorchCheckpointTests.W2)),   // L×M under the name W1
            ("W2", NpyFile.F8(TorchCheckpointTests.W1)),
            ("h1", NpyFile.F8(TorchCheckpointTests.H1)),
            ("h2", NpyFile.F8(TorchCheckpointTests.H2)),
            ("Loss", ObjectArray()),  // an unreadable side entry the model does not need
        ], compressed: true));
        Same(TorchCheckpointTests.ExpectedShallow(), ModelLoader.Load(path));
    }

    private static byte[] ObjectArray() =>
        System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(NpyFile.F8([0])).Replace("'<f8'", "'|O' "));

    [Fact]
    public void Combined_AW_needs_hypers_and_dendritic_bases_are_refused()
    {
        var aw = new double[,] { { 0.5, 0.1 }, { 0.2, 0.3 } };
        string path = _dir.Write("run/plrnn.npz", NpyFile.Npz([("AW", NpyFile.F8(aw)), ("h", NpyFile.F8([1, 2]))]));
        Refused(() => ModelLoader.Load(path), path, "mean_centering = 1 and clip_range = 10");
        _dir.Write("run/hypers.txt", "mean_centering 0\nclip_range None\n");
        Same(new Plrnn(V("A", 0.5, 0.3), M("W", new double[,] { { 0, 0.1 }, { 0.2, 0 } }), V("h", 1, 2)), ModelLoader.Load(path));

        string dend = _dir.Write("dend.npz", NpyFile.Npz([("A", NpyFile.F8([0.5])), ("W", NpyFile.F8(new double[,] { { 0 } })),
            ("h", NpyFile.F8([0])), ("alphas", NpyFile.F8([1, 2]))]));
        Refused(() => ModelLoader.Load(dend), dend, "dendritic", "'alphas'");
    }

    [Fact]
    public void Corrupt_and_empty_npz_are_named()
    {
        string broken = _dir.Write("broken.npz", "PK\u0003\u0004 this is not really a zip"u8.ToArray());
        Refused(() => ModelLoader.Load(broken), broken, "not a readable NumPy .npz file");
        string empty = _dir.Write("empty.npz", NpyFile.Npz([]));
        Refused(() => ModelLoader.Load(empty), empty, "holds no .npy arrays");
        string truncated = _dir.Write("cut.npz", NpyFile.Npz([("A", NpyFile.F8([0.5])[..^4]), ("W", NpyFile.F8(new double[,] { { 0 } })), ("h", NpyFile.F8([0]))]));
        Refused(() => ModelLoader.Load(truncated, new ImportOptions { ReluCount = 1 }), truncated, "'A' cannot be read", "truncated");
    }
}
