using System.Buffers.Binary;
using System.Text;

namespace Scyfi.Core.Tests.Import;

/// <summary>
/// Writes pickle protocol-2 opcodes by hand, so tests can build exactly the structures torch.save
/// writes (GLOBAL of torch callables, BINPERSID storage references, OrderedDict BUILD state).
/// </summary>
internal sealed class PickleEmitter
{
    private readonly MemoryStream _s = new();

    public PickleEmitter()
    {
        _s.WriteByte(0x80); // PROTO
        _s.WriteByte(2);
    }

    public PickleEmitter Op(char op)
    {
        _s.WriteByte((byte)op);
        return this;
    }

    public PickleEmitter Mark() => Op('(');
    public PickleEmitter Tuple() => Op('t');
    public PickleEmitter EmptyTuple() => Op(')');
    public PickleEmitter Reduce() => Op('R');
    public PickleEmitter EmptyDict() => Op('}');
    public PickleEmitter SetItems() => Op('u');
    public PickleEmitter Build() => Op('b');
    public PickleEmitter None() => Op('N');
    public PickleEmitter BinPersId() => Op('Q');
    public PickleEmitter EmptyList() => Op(']');
    public PickleEmitter Appends() => Op('e');

    /// <summary>TUPLE1: a one-element tuple of the top of the stack.</summary>
    public PickleEmitter Tuple1()
    {
        _s.WriteByte(0x85);
        return this;
    }

    public PickleEmitter NewObj()
    {
        _s.WriteByte(0x81);
        return this;
    }

    public PickleEmitter Bool(bool value)
    {
        _s.WriteByte(value ? (byte)0x88 : (byte)0x89);
        return this;
    }

    public PickleEmitter Global(string module, string name)
    {
        Op('c');
        _s.Write(Encoding.ASCII.GetBytes(module + "\n" + name + "\n"));
        return this;
    }

    public PickleEmitter Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Op('X');
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
        _s.Write(len);
        _s.Write(bytes);
        return this;
    }

    public PickleEmitter Int(long v)
    {
        if (v is >= int.MinValue and <= int.MaxValue)
        {
            Op('J'); // BININT
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(b, (int)v);
            _s.Write(b);
        }
        else
        {
            _s.WriteByte(0x8a); // LONG1
            _s.WriteByte(8);
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            _s.Write(b);
        }
        return this;
    }

    public PickleEmitter Float(double v)
    {
        Op('G'); // BINFLOAT, big-endian
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, v);
        _s.Write(b);
        return this;
    }

    /// <summary>A plain Python value: None, bool, int, float or str.</summary>
    public PickleEmitter Value(object? v) => v switch
    {
        null => None(),
        bool b => Bool(b),
        int i => Int(i),
        long l => Int(l),
        double d => Float(d),
        string s => Str(s),
        _ => throw new ArgumentException($"cannot pickle {v.GetType()}"),
    };

    /// <summary>A tuple of integers.</summary>
    public PickleEmitter IntTuple(IEnumerable<long> values)
    {
        Mark();
        foreach (long v in values) Int(v);
        return Tuple();
    }

    /// <summary>A dict {str: plain value}.</summary>
    public PickleEmitter Dict(IEnumerable<KeyValuePair<string, object?>> items)
    {
        EmptyDict();
        var list = items.ToList();
        if (list.Count == 0) return this;
        Mark();
        foreach (var (k, v) in list) Str(k).Value(v);
        return SetItems();
    }

    public byte[] Finish()
    {
        Op('.');
        return _s.ToArray();
    }
}
