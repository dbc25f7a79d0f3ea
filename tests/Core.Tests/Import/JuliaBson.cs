using System.Buffers.Binary;
using MongoDB.Bson;

namespace Scyfi.Core.Tests.Import;

/// <summary>
/// Builds documents in BSON.jl's encoding (science.md §9): datatypes, column-major little-endian arrays,
/// structs with positional fields, backrefs into <c>_backrefs</c>.
/// </summary>
internal static class JuliaBson
{
    public static BsonDocument DataType(string name, params BsonValue[] parameters) => new()
    {
        { "tag", "datatype" },
        { "name", new BsonArray(name.Split('.')) },
        { "params", new BsonArray(parameters) },
    };

    public static BsonDocument Float32 => DataType("Core.Float32");
    public static BsonDocument Float64 => DataType("Core.Float64");

    /// <summary>A Julia Vector.</summary>
    public static BsonDocument Vector(double[] v, bool float32 = true) => Array([v.Length], v, float32);

    /// <summary>A Julia Matrix from row-major rows; stored column-major as BSON.jl does.</summary>
    public static BsonDocument Matrix(double[,] m, bool float32 = true)
    {
        int r = m.GetLength(0), c = m.GetLength(1);
        var columnMajor = new double[r * c];
        for (int j = 0; j < c; j++)
            for (int i = 0; i < r; i++)
                columnMajor[j * r + i] = m[i, j];
        return Array([r, c], columnMajor, float32);
    }

    /// <summary>An array with its values already in column-major order.</summary>
    public static BsonDocument Array(long[] size, double[] columnMajor, bool float32)
    {
        int width = float32 ? 4 : 8;
        var bytes = new byte[columnMajor.Length * width];
        for (int i = 0; i < columnMajor.Length; i++)
        {
            if (float32) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)columnMajor[i]);
            else BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), columnMajor[i]);
        }
        return new BsonDocument
        {
            { "tag", "array" },
            { "type", float32 ? Float32 : Float64 },
            { "size", new BsonArray(size.Select(s => (BsonValue)new BsonInt64(s))) },
            { "data", new BsonBinaryData(bytes) },
        };
    }

    public static BsonDocument Struct(string type, params BsonValue[] fields) => new()
    {
        { "tag", "struct" },
        { "type", DataType("Main.GTF.PLRNNs." + type, DataType("Core.Array", Float32, new BsonInt64(1)), DataType("Core.Array", Float32, new BsonInt64(2))) },
        { "data", new BsonArray(fields) },
    };

    public static BsonDocument Backref(int index) => new() { { "tag", "backref" }, { "ref", new BsonInt64(index) } };

    /// <summary>An Identity observation model beside the latent one, as GTF-shPLRNN saves it.</summary>
    public static BsonDocument Observation() => new()
    {
        { "tag", "struct" },
        { "type", DataType("Main.GTF.ObservationModels.Identity") },
        { "data", new BsonArray { BsonNull.Value } },
    };

    /// <summary>The checkpoint: <c>model = [latent, observation]</c>, plus <c>_backrefs</c> when given.</summary>
    public static byte[] Checkpoint(BsonValue latent, params BsonValue[] backrefs)
    {
        var doc = new BsonDocument { { "model", new BsonArray { latent, Observation() } } };
        if (backrefs.Length > 0) doc.Add("_backrefs", new BsonArray(backrefs));
        return doc.ToBson();
    }
}
