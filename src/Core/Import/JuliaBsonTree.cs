using System.Globalization;
using MongoDB.Bson;

namespace Scyfi.Core.Import;

/// <summary>
/// Navigates a BSON.jl document: resolves backrefs (1-based into <c>_backrefs</c>), finds tagged structs
/// anywhere in the tree, and decodes tagged arrays (column-major bytes) into row-major stored arrays.
/// Structural problems throw <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class JuliaBsonTree(BsonDocument root)
{
    private const int MaxDepth = 128;
    private readonly BsonArray? _backrefs = root.TryGetValue("_backrefs", out var b) ? b as BsonArray : null;

    /// <summary>Every struct in the tree with its type name (last element of the datatype's name), in document order.</summary>
    public List<(string Type, BsonDocument Struct)> Structs()
    {
        var found = new List<(string, BsonDocument)>();
        var seen = new HashSet<BsonValue>(ReferenceEqualityComparer.Instance);
        foreach (var element in root)
            if (element.Name != "_backrefs") Visit(element.Value, found, seen, 0);
        return found;
    }

    private void Visit(BsonValue value, List<(string, BsonDocument)> found, HashSet<BsonValue> seen, int depth)
    {
        if (depth > MaxDepth) throw new InvalidDataException("the document nests too deeply (a backref cycle?)");
        value = Resolve(value);
        if (!seen.Add(value)) return;
        switch (value)
        {
            case BsonArray array:
                foreach (var item in array) Visit(item, found, seen, depth + 1);
                return;
            case BsonDocument doc:
                string? tag = Tag(doc);
                if (tag == "struct")
                {
                    found.Add((TypeName(doc["type"]), doc));
                    if (doc.TryGetValue("data", out var data)) Visit(data, found, seen, depth + 1);
                }
                else if (tag is "tuple" or "svec")
                {
                    if (doc.TryGetValue("data", out var data)) Visit(data, found, seen, depth + 1);
                }
                else if (tag is null)
                {
                    foreach (var e in doc) Visit(e.Value, found, seen, depth + 1);
                }
                return;
        }
    }

    /// <summary>The fields of a struct, backrefs resolved.</summary>
    public List<BsonValue> Fields(BsonDocument structDoc)
    {
        if (!structDoc.TryGetValue("data", out var data) || Resolve(data) is not BsonArray fields)
            throw new InvalidDataException($"a {TypeName(structDoc["type"])} struct has no data array");
        return fields.Select(f => Resolve(f)).ToList();
    }

    /// <summary>A tagged array as a stored array named <paramref name="name"/>.</summary>
    public StoredArray Array(BsonValue value, string name)
    {
        value = Resolve(value);
        if (value is BsonNull) return StoredArray.Unreadable(name, "it is nothing (null)");
        if (value is not BsonDocument doc || Tag(doc) != "array")
            return StoredArray.Unreadable(name, $"it is {Describe(value)}, not an array");
        string type = TypeName(doc["type"]);
        ElementType? element = type switch
        {
            "Float64" => ElementType.Float64,
            "Float32" => ElementType.Float32,
            "Float16" => ElementType.Float16,
            "Int64" => ElementType.Int64,
            "Int32" => ElementType.Int32,
            "Bool" => ElementType.Bool,
            _ => null,
        };
        if (element is not ElementType t) return StoredArray.Unreadable(name, $"its element type {type} is not a real number type");
        if (Resolve(doc["size"]) is not BsonArray sizeArray) throw new InvalidDataException($"{name} has no size");
        int[] shape = sizeArray.Select(s => Integer(s) ?? throw new InvalidDataException($"{name} has a size that is not an integer")).ToArray();
        int count = StridedView.Count(shape);
        if (Resolve(doc["data"]) is not BsonBinaryData binary)
            return StoredArray.Unreadable(name, "its data is not raw bytes (an array of non-numbers)");
        byte[] bytes = binary.Bytes;
        long needed = (long)count * ElementTypes.Size(t);
        if (bytes.Length != needed)
            throw new InvalidDataException($"{name} has {bytes.Length} bytes of data, but its size ({string.Join(", ", shape)}) of {ElementTypes.Name(t)} needs {needed}");
        // Julia arrays are column-major; Scyfi's are row-major.
        return new StoredArray(name, shape, ElementTypes.Name(t), () =>
            StridedView.Gather(ElementTypes.Decode(bytes, t, bigEndian: false, count), 0, shape, StridedView.ColumnMajor(shape)));
    }

    /// <summary>A BSON integer (Int64 on 64-bit Julia, Int32 on 32-bit), or null.</summary>
    public int? Integer(BsonValue value) => Resolve(value) switch
    {
        BsonInt32 i => i.Value,
        BsonInt64 l when l.Value is >= int.MinValue and <= int.MaxValue => (int)l.Value,
        _ => null,
    };

    public string Describe(BsonValue value) => Resolve(value) switch
    {
        BsonNull => "nothing",
        BsonDocument d when Tag(d) is string tag => $"a {tag}",
        var v => $"a BSON {v.BsonType.ToString().ToLowerInvariant()}",
    };

    private BsonValue Resolve(BsonValue value)
    {
        for (int hops = 0; value is BsonDocument d && Tag(d) == "backref"; hops++)
        {
            if (hops > MaxDepth) throw new InvalidDataException("backrefs refer to each other in a cycle");
            int? index = d.TryGetValue("ref", out var r) ? r switch
            {
                BsonInt32 i => i.Value,
                BsonInt64 l when l.Value is >= 1 and <= int.MaxValue => (int)l.Value,
                _ => null,
            } : null;
            if (_backrefs is null) throw new InvalidDataException("a backref is used but the document has no _backrefs");
            if (index is not int k || k < 1 || k > _backrefs.Count)
                throw new InvalidDataException($"backref {(index is int x ? x.ToString(CultureInfo.InvariantCulture) : "?")} is outside _backrefs (1..{_backrefs.Count})");
            value = _backrefs[k - 1];
        }
        return value;
    }

    private static string? Tag(BsonDocument doc) => doc.TryGetValue("tag", out var t) && t is BsonString s ? s.Value : null;

    private string TypeName(BsonValue type)
    {
        type = Resolve(type);
        if (type is BsonDocument d && Tag(d) == "datatype" && d.TryGetValue("name", out var n) && Resolve(n) is BsonArray names && names.Count > 0
            && names[^1] is BsonString last)
            return last.Value;
        throw new InvalidDataException("a struct or array has a type that is not a BSON.jl datatype");
    }
}
