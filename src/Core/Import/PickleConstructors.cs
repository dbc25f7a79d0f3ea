using System.Collections;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;

namespace Scyfi.Core.Import;

// The Python callables a PyTorch checkpoint pickle names, as Razorvine object constructors. They only
// build data (no code runs): tensors become views of storages, OrderedDicts become dictionaries.

/// <summary><c>collections.OrderedDict</c>: a dictionary; the state torch attaches (<c>_metadata</c>) is kept aside.</summary>
internal sealed class PythonOrderedDict : Hashtable
{
    /// <summary>State set by the pickle's BUILD (for a state_dict: its <c>_metadata</c>), not part of the items.</summary>
    public object? State { get; private set; }

    /// <summary>Called by the unpickler for BUILD; the name is the Python protocol's.</summary>
    public void __setstate__(object state) => State = state;
}

/// <summary>Builds <see cref="PythonOrderedDict"/>, empty (torch) or from a list of pairs.</summary>
internal sealed class OrderedDictConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        var d = new PythonOrderedDict();
        if (args.Length > 0 && args[0] is IEnumerable pairs)
            foreach (var p in pairs)
            {
                var kv = PickleValues.ToTuple(p, "an OrderedDict item");
                if (kv.Length != 2) throw new InvalidDataException("an OrderedDict item is not a (key, value) pair");
                d[kv[0] ?? "None"] = kv[1];
            }
        return d;
    }
}

/// <summary><c>torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)</c> and the older <c>_rebuild_tensor</c>.</summary>
internal sealed class RebuildTensorConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args.Length < 4) throw new InvalidDataException($"_rebuild_tensor_v2 got {args.Length} arguments, expected at least 4");
        var storage = args[0] as TorchStorage
            ?? throw new InvalidDataException($"a tensor's storage is {PickleValues.Describe(args[0])}, not a storage reference");
        long offset = PickleValues.ToLong(args[1], "a tensor's storage offset");
        var size = PickleValues.ToTuple(args[2], "a tensor's size");
        var stride = PickleValues.ToTuple(args[3], "a tensor's stride");
        if (size.Length != stride.Length) throw new InvalidDataException($"a tensor has {size.Length} sizes but {stride.Length} strides");
        var shape = size.Select(s => PickleValues.ToInt(s, "a tensor size")).ToArray();
        var strides = stride.Select(s => PickleValues.ToLong(s, "a tensor stride")).ToArray();
        return new TorchTensor(storage, offset, shape, strides);
    }
}

/// <summary><c>torch._utils._rebuild_parameter(data, requires_grad, hooks[, state])</c>: an nn.Parameter is its tensor.</summary>
internal sealed class RebuildParameterConstructor : IObjectConstructor
{
    public object construct(object[] args) =>
        args.Length > 0 && args[0] is TorchTensor t ? t : throw new InvalidDataException("_rebuild_parameter did not get a tensor");
}

/// <summary><c>torch._tensor._rebuild_from_type_v2(func, type, args, state)</c>: a tensor subclass; call func(*args).</summary>
internal sealed class RebuildFromTypeConstructor : IObjectConstructor
{
    public object construct(object[] args)
    {
        if (args.Length < 3 || args[0] is not IObjectConstructor func)
            throw new InvalidDataException("_rebuild_from_type_v2 got unexpected arguments");
        return func.construct(PickleValues.ToTuple(args[2], "_rebuild_from_type_v2 arguments")!);
    }
}

/// <summary><c>copyreg._reconstructor(cls, base, state)</c> (protocol 0/1 objects such as an argparse Namespace).</summary>
internal sealed class ReconstructorConstructor : IObjectConstructor
{
    public object construct(object[] args) =>
        args.Length > 0 && args[0] is IObjectConstructor cls ? cls.construct([]) : new ClassDict("copyreg", "object");
}

/// <summary>An object Scyfi does not read (a NumPy array or dtype beside the model): unpickled as this opaque stand-in, so the rest of the file still loads.</summary>
internal sealed class OpaquePythonObject(string name)
{
    public string Name { get; } = name;

    /// <summary>Accepts and drops the pickled state.</summary>
    public void __setstate__(object state) => GC.KeepAlive(state);
}

/// <summary>Builds <see cref="OpaquePythonObject"/> whatever the arguments.</summary>
internal sealed class OpaqueConstructor(string name) : IObjectConstructor
{
    public object construct(object[] args) => new OpaquePythonObject(name);
}
