namespace Amtron.Grid.Protection;

/// <summary>The kinds of protective device a site file may name (docs/grid.md has each one's curves and sources).</summary>
public enum DeviceKind
{
    /// <summary>A gG fuse link (IEC 60269-1/-2: NH, DIAZED, NEOZED).</summary>
    FuseGG,

    /// <summary>A miniature circuit breaker, characteristic B (IEC 60898-1).</summary>
    McbB,

    /// <summary>A miniature circuit breaker, characteristic C (IEC 60898-1).</summary>
    McbC,

    /// <summary>A miniature circuit breaker, characteristic D (IEC 60898-1).</summary>
    McbD,

    /// <summary>A moulded-case circuit breaker (IEC 60947-2).</summary>
    Mccb,

    /// <summary>A selective main circuit breaker, characteristic E (SLS, DIN VDE 0641-21).</summary>
    SlsE,
}

/// <summary>The names a site file writes for <see cref="DeviceKind"/>.</summary>
public static class DeviceKindNames
{
    private static readonly (DeviceKind Kind, string Name)[] Names =
    [
        (DeviceKind.FuseGG, "gG"), (DeviceKind.McbB, "mcbB"), (DeviceKind.McbC, "mcbC"), (DeviceKind.McbD, "mcbD"),
        (DeviceKind.Mccb, "mccb"), (DeviceKind.SlsE, "slsE"),
    ];

    /// <summary>Every name, in order, for an error that lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The name of <paramref name="kind"/>.</summary>
    public static string Of(DeviceKind kind) => Names.First(n => n.Kind == kind).Name;

    /// <summary>The kind named <paramref name="name"/> (exactly as written), or null.</summary>
    public static DeviceKind? Parse(string name)
    {
        foreach (var (kind, text) in Names)
        {
            if (text == name)
            {
                return kind;
            }
        }

        return null;
    }
}
