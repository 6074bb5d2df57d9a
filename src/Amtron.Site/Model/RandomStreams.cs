using MathNet.Numerics.Random;

namespace Amtron.Site.Model;

/// <summary>
/// Independent random streams by name, all derived from one seed, so adding a stream (say, for meter faults) never
/// shifts another (say, arrivals). Each stream is a xoshiro256** generator seeded from SplitMix64(seed, name).
/// </summary>
public sealed class RandomStreams(ulong seed)
{
    private readonly Dictionary<string, System.Random> _streams = new(StringComparer.Ordinal);

    /// <summary>The master seed.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>The stream called <paramref name="name"/>; the same name always gives the same stream.</summary>
    public System.Random Stream(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_streams.TryGetValue(name, out var stream))
        {
            stream = new Xoshiro256StarStar(DeriveSeed(Seed, name), threadSafe: false);
            _streams.Add(name, stream);
        }

        return stream;
    }

    /// <summary>A 32-bit seed from the master seed and a name: FNV-1a over the name, mixed by SplitMix64.</summary>
    internal static int DeriveSeed(ulong seed, string name)
    {
        const ulong FnvOffset = 14695981039346656037;
        const ulong FnvPrime = 1099511628211;
        var hash = FnvOffset;
        foreach (var c in name)
        {
            hash = unchecked((hash ^ c) * FnvPrime);
        }

        var z = unchecked(seed + hash + 0x9E3779B97F4A7C15);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EB);
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }
}
