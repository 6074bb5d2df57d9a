using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Amtron.Site.Sweeps;

/// <summary>
/// Seeds and hashes from a variant's content, never from its position: SHA-256 over a canonical text (parameters
/// sorted by path), so reordering axes or adding a value leaves every other variant's seed and hash as they were, and
/// the same on every machine and .NET version. Under <see cref="SeedMode.Common"/> only the parameters that shape the
/// random streams enter the seed: variants that differ in a fuse or a setting see the same arrivals (common random
/// numbers), which makes their comparison much tighter.
/// </summary>
public static class SweepSeeds
{
    /// <summary>The seed of a variant: the first 8 bytes of the hash, big-endian, as a scenario seed (0 .. 2^63 - 1).</summary>
    public static ulong Seed(ulong baseSeed, SeedMode mode, int replicate, IEnumerable<SweepParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder()
            .Append("amtron sweep seed v1\n")
            .Append(CultureInfo.InvariantCulture, $"seed {baseSeed}\nreplicate {replicate}\n");
        AppendSorted(text, parameters.Where(p => mode == SeedMode.Independent || p.Axis.ShapesRandomStreams));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return BinaryPrimitives.ReadUInt64BigEndian(hash) & long.MaxValue;
    }

    /// <summary>The hash of a variant: the base scenario's SHA-256, the parameters and the seed.</summary>
    public static string VariantHash(string baseSha256, ulong seed, IEnumerable<SweepParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var text = new StringBuilder()
            .Append("amtron sweep variant v1\n")
            .Append(CultureInfo.InvariantCulture, $"base {baseSha256}\nseed {seed}\n");
        AppendSorted(text, parameters);
        return Sha256(text.ToString());
    }

    /// <summary>SHA-256 (lower-case hex) of text as UTF-8.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text ?? string.Empty)));

    private static void AppendSorted(StringBuilder text, IEnumerable<SweepParameter> parameters)
    {
        foreach (var p in parameters.OrderBy(p => p.Axis.Path, StringComparer.Ordinal))
        {
            text.Append(p.Assignment).Append('\n');
        }
    }
}
