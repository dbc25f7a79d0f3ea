using Scyfi.Core.Import;
using Scyfi.Core.Tests.Support;
using Xunit;
using static Scyfi.Core.Tests.Import.ImportAssert;

namespace Scyfi.Core.Tests.Import;

/// <summary>
/// Checkpoints pickled by CPython itself (tests/data/checkpoints/make_checkpoints.py reproduces torch.save's
/// layout, memo opcodes included) from reference cases in float64: each must import as the case, bit for bit.
/// </summary>
public sealed class PythonFixtureTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "checkpoints", name);

    [Fact]
    public void Shallow_state_dict_with_the_AW_alias_equals_its_case()
    {
        Same(TestData.Model("shplrnn_m2_h10_fp"), ModelLoader.Load(Fixture("shplrnn_m2_h10_fp.pt")));
    }

    [Fact]
    public void ALRNN_with_a_strided_diagonal_A_and_P_in_its_name_equals_its_case()
    {
        Same(TestData.Model("alrnn_8cycle"), ModelLoader.Load(Fixture("alrnn_8cycle_m2_p1.pt")));
    }

    [Fact]
    public void Transposed_AW_with_the_runs_hypers_pkl_equals_its_case()
    {
        Same(TestData.Model("gt16"), ModelLoader.Load(Fixture(Path.Combine("gt16_run", "model_1000.pt"))));
    }
}
