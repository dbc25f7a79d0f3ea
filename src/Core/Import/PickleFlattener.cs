using System.Collections;
using System.Globalization;
using System.Numerics;
using Razorvine.Pickle.Objects;

namespace Scyfi.Core.Import;

/// <summary>
/// Flattens an unpickled checkpoint into dotted names. A state_dict (an OrderedDict of tensors) keeps
/// its keys; a dict that wraps one (<c>{"model_state_dict": …, "epoch": …}</c>) prefixes them; a whole
/// pickled nn.Module contributes its <c>_parameters</c>, <c>_buffers</c> and <c>_modules</c> under the
/// names its state_dict would use, plus its plain attributes (an ALRNN's <c>P</c>, a step's <c>clip_range</c>).
/// </summary>
internal static class PickleFlattener
{
    private const int MaxDepth = 64;

    public static void Flatten(object? root, CheckpointContents into)
    {
        var onPath = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(root, "", 0, into, onPath);
    }

    private static void Walk(object? value, string name, int depth, CheckpointContents into, HashSet<object> onPath)
    {
        if (depth > MaxDepth) return;
        switch (value)
        {
            case TorchTensor t:
                into.Arrays[name] = t.ToStoredArray(name);
                return;
            case null or string or bool or int or long or double or BigInteger:
                if (name.Length > 0) into.Attributes[name] = value;
                return;
            case byte[]:
                return;
            case ClassDict obj:
                if (!onPath.Add(obj)) return;
                into.Attributes[CheckpointContents.Join(name, "__class__")] = obj.ClassName;
                bool module = obj.TryGetValue("_parameters", out var parameters) && parameters is IDictionary;
                foreach (var (key, child) in obj)
                {
                    if (key == "__class__") continue;
                    // A module's parameters, buffers and submodules sit directly under its own name,
                    // exactly as in its state_dict.
                    if (module && key is "_parameters" or "_buffers" or "_modules") Walk(child, name, depth + 1, into, onPath);
                    else Walk(child, CheckpointContents.Join(name, key), depth + 1, into, onPath);
                }
                onPath.Remove(obj);
                return;
            case IDictionary dict:
                if (!onPath.Add(dict)) return;
                foreach (DictionaryEntry e in dict)
                    Walk(e.Value, CheckpointContents.Join(name, KeyText(e.Key)), depth + 1, into, onPath);
                onPath.Remove(dict);
                return;
            case IList list:
                if (!onPath.Add(list)) return;
                for (int i = 0; i < list.Count; i++)
                    Walk(list[i], CheckpointContents.Join(name, i.ToString(CultureInfo.InvariantCulture)), depth + 1, into, onPath);
                onPath.Remove(list);
                return;
            default:
                return;
        }
    }

    private static string KeyText(object? key) => key switch
    {
        string s => s,
        null => "None",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "?",
    };
}
