namespace Scyfi.Core.Import;

/// <summary>
/// A tensor as <c>torch._utils._rebuild_tensor_v2</c> describes it: a view (offset, size, stride) of a
/// storage. The view is checked against the storage when it is rebuilt, so a corrupt checkpoint fails
/// on reading rather than yielding wrong numbers; values are gathered only when needed.
/// </summary>
internal sealed class TorchTensor
{
    public TorchTensor(TorchStorage storage, long offset, int[] shape, long[] strides)
    {
        StridedView.CheckBounds(storage.Numel, offset, shape, strides);
        Storage = storage;
        Offset = offset;
        Shape = shape;
        Strides = strides;
    }

    public TorchStorage Storage { get; }
    public long Offset { get; }
    public int[] Shape { get; }
    public long[] Strides { get; }

    public StoredArray ToStoredArray(string name) => Storage.Type is null
        ? new StoredArray(name, Shape, Storage.TypeName, () => throw new InvalidDataException($"its storage type {Storage.TypeName} is not a real number type"),
            $"its storage type {Storage.TypeName} is not a real number type")
        : new StoredArray(name, Shape, Storage.DTypeName, () => StridedView.Gather(Storage.Values(), Offset, Shape, Strides));
}
