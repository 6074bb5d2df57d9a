using System.Globalization;

namespace Amtron.Benchmarks;

/// <summary>The measurement runs' "--name value" options.</summary>
internal static class RunOptions
{
    /// <summary>The whole number after <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
