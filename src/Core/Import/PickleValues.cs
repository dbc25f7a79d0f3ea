using System.Globalization;
using System.Numerics;

namespace Scyfi.Core.Import;

/// <summary>Conversions of unpickled Python values (Razorvine maps int to int, long or BigInteger; tuples to object[]).</summary>
internal static class PickleValues
{
    public static long ToLong(object? o, string what) => o switch
    {
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        _ => throw new InvalidDataException($"{what} is {Describe(o)}, expected an integer"),
    };

    public static int ToInt(object? o, string what)
    {
        long v = ToLong(o, what);
        if (v is < int.MinValue or > int.MaxValue) throw new InvalidDataException($"{what} = {v} is out of range");
        return (int)v;
    }

    public static object?[] ToTuple(object? o, string what) => o switch
    {
        object?[] t => t,
        System.Collections.IList l => l.Cast<object?>().ToArray(),
        _ => throw new InvalidDataException($"{what} is {Describe(o)}, expected a tuple"),
    };

    public static string Describe(object? o) => o switch
    {
        null => "None",
        string s => $"the string '{s}'",
        _ => o.GetType().Name,
    };

    /// <summary>A Python truth value as saved in hyper-parameters (1, True, "1", "True"); null when it is not one.</summary>
    public static bool? Truth(object? o) => o switch
    {
        null => false,
        bool b => b,
        int i => i != 0,
        long l => l != 0,
        double d => d != 0,
        BigInteger big => !big.IsZero,
        string s when s is "1" or "True" or "true" => true,
        string s when s is "0" or "False" or "false" or "None" or "" => false,
        _ => null,
    };

    /// <summary>A clip range as saved in hyper-parameters: null/None means off; a number means on.</summary>
    public static bool? ClipOn(object? o) => o switch
    {
        null => false,
        string s when s is "None" or "none" or "" => false,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => true,
        int or long or double or BigInteger => true,
        _ => null,
    };

    public static string Text(object? o) => o switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => o.ToString() ?? "?",
    };
}
