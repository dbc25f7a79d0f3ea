using Razorvine.Pickle;

namespace Scyfi.Core.Import;

/// <summary>
/// Razorvine's unpickler taught torch's checkpoint pickle: the globals built in PickleConstructors.cs
/// and the persistent ids <c>('storage', StorageClass, key, location, numel)</c> that stand for the
/// storage files beside <c>data.pkl</c>. Also reads plain pickles (a run's <c>hypers.pkl</c>).
/// </summary>
internal sealed class TorchUnpickler : Unpickler
{
    private readonly Func<object?[], TorchStorage>? _storages;

    // Razorvine keeps constructors in one process-wide table; filling it once, here, before any
    // instance exists, keeps later (concurrent) unpickling read-only on it.
    static TorchUnpickler()
    {
        registerConstructor("collections", "OrderedDict", new OrderedDictConstructor());
        var tensor = new RebuildTensorConstructor();
        registerConstructor("torch._utils", "_rebuild_tensor_v2", tensor);
        registerConstructor("torch._utils", "_rebuild_tensor", tensor);
        var parameter = new RebuildParameterConstructor();
        registerConstructor("torch._utils", "_rebuild_parameter", parameter);
        registerConstructor("torch._utils", "_rebuild_parameter_with_state", parameter);
        registerConstructor("torch._tensor", "_rebuild_from_type_v2", new RebuildFromTypeConstructor());
        registerConstructor("copyreg", "_reconstructor", new ReconstructorConstructor());
        foreach (string module in new[] { "numpy.core.multiarray", "numpy._core.multiarray" })
        {
            registerConstructor(module, "_reconstruct", new OpaqueConstructor("numpy.ndarray"));
            registerConstructor(module, "scalar", new OpaqueConstructor("numpy scalar"));
        }
        registerConstructor("numpy", "dtype", new OpaqueConstructor("numpy.dtype"));
    }

    /// <param name="storages">Resolves a storage persistent id; null for plain pickles.</param>
    public TorchUnpickler(Func<object?[], TorchStorage>? storages) => _storages = storages;

    /// <summary>Unpickles a plain pickle (no storages).</summary>
    public static object? LoadPlain(byte[] bytes)
    {
        using var u = new TorchUnpickler(null);
        return u.loads(bytes);
    }

    protected override object persistentLoad(object pid)
    {
        if (_storages is null) throw new InvalidDataException("a plain pickle refers to external data (a persistent id)");
        var t = PickleValues.ToTuple(pid, "a persistent id");
        if (t.Length < 5 || t[0] is not string kind || kind != "storage")
            throw new InvalidDataException($"unknown persistent id (expected ('storage', type, key, location, numel))");
        return _storages(t);
    }
}
