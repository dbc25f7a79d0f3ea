namespace Scyfi.Core.Import;

/// <summary>
/// The dendPLRNN/MTF PyTorch code that writes <c>latent_step.AW</c> checkpoints has two defaults that change
/// the map: <c>mean_centering = 1</c> (ReLU of z − mean(z), an mcPLRNN) and <c>clip_range = 10</c> (every step
/// clipped to ±10). Neither is in the state_dict. Scyfi imports such a checkpoint as a plain PLRNN only when
/// something says both were off: attributes saved with it (a pickled module's <c>clip_range</c> and
/// <c>norm</c>, saved arguments) or the run's <c>hypers.pkl</c>/<c>hypers.txt</c> beside it.
/// </summary>
internal static class PlainPlrnnCheck
{
    public static void Ensure(CheckpointContents contents, string prefix, Func<TrainingHypers?> hypersBeside)
    {
        var src = contents.Source;
        var centring = new List<(bool? On, string Where)>();
        var clipping = new List<(bool? On, string Where)>();
        foreach (var (key, value) in contents.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            string leaf = CheckpointContents.Split(key).Leaf;
            if (leaf is "mean_centering" or "layer_norm") centring.Add((PickleValues.Truth(value), $"{key} = {PickleValues.Text(value)} in the checkpoint"));
            else if (leaf == "clip_range") clipping.Add((PickleValues.ClipOn(value), $"{key} = {PickleValues.Text(value)} in the checkpoint"));
        }
        // A pickled step module keeps its centring as a submodule: nn.Identity when it is off.
        if (contents.Attributes.TryGetValue(CheckpointContents.Join(prefix, "norm.__class__"), out var normClass) && normClass is string cls)
            centring.Add((!cls.EndsWith(".Identity", StringComparison.Ordinal), $"{CheckpointContents.Join(prefix, "norm")} is {cls}"));

        var hypers = hypersBeside();
        if (hypers is not null)
            foreach (var (key, value) in hypers.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (key is "mean_centering" or "layer_norm") centring.Add((PickleValues.Truth(value), $"{key} = {PickleValues.Text(value)} in the {hypers.File} beside it"));
                else if (key == "clip_range") clipping.Add((PickleValues.ClipOn(value), $"{key} = {PickleValues.Text(value)} in the {hypers.File} beside it"));
            }

        var on = centring.FirstOrDefault(x => x.On == true);
        if (on.Where is not null)
            throw src.Fail($"it was trained with mean-centred ReLU, relu(z − mean(z)) ({on.Where}): an mcPLRNN, which Scyfi cannot represent exactly; " +
                "it refuses rather than analyse it as a plain PLRNN");
        on = clipping.FirstOrDefault(x => x.On == true);
        if (on.Where is not null)
            throw src.Fail($"it was trained with state clipping, every step clipped to ±clip_range ({on.Where}), which Scyfi cannot represent exactly; " +
                "it refuses rather than analyse it as a plain PLRNN");

        var unknown = new List<string>();
        if (!centring.Any(x => x.On == false)) unknown.Add("mean_centering = 1");
        if (!clipping.Any(x => x.On == false)) unknown.Add("clip_range = 10");
        if (unknown.Count > 0)
            throw src.Fail($"it is an AW checkpoint of the dendPLRNN/MTF PyTorch code, whose defaults {string.Join(" and ", unknown)} change the map, and nothing says they were off; " +
                "put the run's hypers.pkl beside it (or a hypers.txt with the lines 'mean_centering 0' and 'clip_range None' if the run used neither)");
    }
}
