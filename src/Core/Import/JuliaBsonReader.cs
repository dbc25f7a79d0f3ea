using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using Scyfi.Core.Models;

namespace Scyfi.Core.Import;

/// <summary>
/// Reads Julia BSON.jl checkpoints (<c>model_&lt;epoch&gt;.bson</c> of GTF-shPLRNN and ALRNN-DSR), which store
/// <c>model = [latent_model, observation_model]</c> in BSON.jl's tagged encoding (science.md §9):
/// structs <c>{tag:"struct", type:&lt;datatype&gt;, data:[fields in declaration order]}</c>, arrays
/// <c>{tag:"array", type, size, data:&lt;little-endian bytes, column-major&gt;}</c>, repeated objects
/// <c>{tag:"backref", ref:i}</c> into the top-level <c>_backrefs</c>. Field names are not stored, so the
/// latent model is recognised by its type name and its fields by position.
/// </summary>
internal static class JuliaBsonReader
{
    private const string Format = "Julia BSON";

    public static ReluModel Load(string path, ImportOptions options)
    {
        var src = new CheckpointSource(path);
        byte[] bytes = File.ReadAllBytes(path);
        BsonDocument root;
        try { root = BsonSerializer.Deserialize<BsonDocument>(bytes); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw src.Corrupt(Format, e);
        }

        var tree = new JuliaBsonTree(root);
        List<(string Type, BsonDocument Struct)> found;
        try { found = tree.Structs(); }
        catch (InvalidDataException e) { throw src.Corrupt(Format, e); }

        var refused = found.FirstOrDefault(s => Refusal(s.Type) is not null);
        if (refused.Struct is not null) throw src.Fail(Refusal(refused.Type)!);
        var latent = found.Where(s => Kind(s.Type) is not null).ToList();
        if (latent.Count == 0)
        {
            var types = found.Select(s => s.Type).Distinct().Order(StringComparer.Ordinal).ToList();
            throw src.Fail($"it holds no latent model Scyfi knows (shallowPLRNN, clippedShallowPLRNN, PLRNN, ALRNN); Julia types found: {(types.Count == 0 ? "none" : string.Join(", ", types))}");
        }
        if (latent.Select(s => s.Struct).Distinct().Count() > 1)
            throw src.Fail($"it holds {latent.Count} latent models ({string.Join(", ", latent.Select(s => s.Type))}); Scyfi imports one model per checkpoint");

        var (typeName, model) = latent[0];
        string kind = Kind(typeName)!;
        if (options.ReluCount is not null && kind != "alrnn")
            throw src.Fail($"--relu-count is for ALRNN checkpoints, but this one is a {typeName}");
        if (options.W1 is not null && kind is not ("shplrnn" or "clipped-shplrnn"))
            throw src.Fail($"--w1 is for shPLRNN checkpoints, but this one is a {typeName}");
        try
        {
            var fields = tree.Fields(model);
            StoredArray Field(int i, string name)
            {
                string shown = $"{typeName}.{name}";
                if (i >= fields.Count) throw src.Fail($"the {typeName} struct has {fields.Count} fields; field {i + 1} ({name}) is missing");
                return tree.Array(fields[i], shown);
            }
            switch (kind)
            {
                case "shplrnn":
                case "clipped-shplrnn":
                    return ModelAssembly.Shallow(src, kind == "clipped-shplrnn", Field(0, "A"), Field(1, "W₁"), Field(2, "W₂"), Field(3, "h₁"), Field(4, "h₂"),
                        options, orderIsDeclared: true);
                case "plrnn":
                    return ModelAssembly.Plrnn(src, Field(0, "A"), Field(1, "W"), Field(2, "h"));
                default:
                {
                    if (fields.Count < 4) throw src.Fail($"the ALRNN struct has {fields.Count} fields; field 4 (P) is missing");
                    int? p = tree.Integer(fields[3]);
                    if (p is null) throw src.Fail($"the ALRNN's field P is {tree.Describe(fields[3])}, expected an integer");
                    return ModelAssembly.Alrnn(src, Field(0, "A"), Field(1, "W"), Field(2, "h"),
                        m => ReluCountResolver.Resolve(src, m, p, "field P of the ALRNN struct", options));
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw src.Corrupt(Format, e);
        }
    }

    /// <summary>The Scyfi model type of a latent model type name (the spelling of GTF-shPLRNN and ALRNN-DSR).</summary>
    private static string? Kind(string type) => type.ToUpperInvariant() switch
    {
        "SHALLOWPLRNN" => "shplrnn",
        "CLIPPEDSHALLOWPLRNN" => "clipped-shplrnn",
        "PLRNN" => "plrnn",
        "ALRNN" => "alrnn",
        _ => null,
    };

    /// <summary>Why a known latent model type cannot be imported, or null.</summary>
    private static string? Refusal(string type) => type.ToUpperInvariant() switch
    {
        "MCPLRNN" => $"it is an {type}, a PLRNN with mean-centred ReLU, relu(z − mean(z)), which Scyfi cannot represent exactly; it refuses rather than analyse it as a plain PLRNN",
        "DENDPLRNN" or "CLIPPEDDENDPLRNN" or "FCDENDPLRNN" =>
            $"it is a {type}, a PLRNN with dendritic bases Σ_b α_b relu(z − H_b), which Scyfi cannot represent exactly; it refuses rather than analyse it as a plain PLRNN",
        _ => null,
    };
}
