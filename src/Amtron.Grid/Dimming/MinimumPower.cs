using System.Globalization;

namespace Amtron.Grid.Dimming;

/// <summary>
/// §14a EnWG: the power a grid operator must leave controllable consumers (steuerbare Verbrauchseinrichtungen) behind
/// one connection while it dims them through an energy management system, BNetzA BK6-22-300 Anlage 1, 4.5.1/4.5.2
/// (docs/grid.md): P_min = base + (n − 1) · GZF(n) · 4.2 kW, base = 4.2 kW, or 0.4 × the summed rated power of a heat-pump
/// or air-conditioning group above 11 kW (the larger).
/// </summary>
public static class MinimumPower
{
    /// <summary>What each controllable consumer is guaranteed, and what makes a device one (its rated power above it).</summary>
    public const double PerConsumerKW = 4.2;

    /// <summary>A heat-pump or air-conditioning group above this sets its own base term.</summary>
    public const double LargeGroupKW = 11;

    /// <summary>The share of a large group's rated power that is its base term.</summary>
    public const double LargeGroupShare = 0.4;

    /// <summary>Gleichzeitigkeitsfaktor for n = 2 … 8 consumers; 0.45 from 9 on.</summary>
    private static readonly double[] Simultaneity = [0.80, 0.75, 0.70, 0.65, 0.60, 0.55, 0.50];

    private const double SimultaneityFromNine = 0.45;

    /// <summary>The simultaneity factor GZF for <paramref name="consumers"/> ≥ 2 controllable consumers.</summary>
    public static double SimultaneityFactor(int consumers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consumers, 2);
        return consumers - 2 < Simultaneity.Length ? Simultaneity[consumers - 2] : SimultaneityFromNine;
    }

    /// <summary>
    /// P_min in kW for <paramref name="consumers"/> (≥ 1) controllable consumers, of which the heat pumps together have
    /// <paramref name="heatPumpsKW"/> and the air conditioners <paramref name="airConditionersKW"/> of rated power.
    /// </summary>
    public static double KiloWatts(int consumers, double heatPumpsKW = 0, double airConditionersKW = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consumers, 1);
        var largeGroup = Math.Max(LargeGroup(heatPumpsKW), LargeGroup(airConditionersKW));
        var baseKW = Math.Max(PerConsumerKW, largeGroup);
        return consumers == 1 ? baseKW : baseKW + ((consumers - 1) * SimultaneityFactor(consumers) * PerConsumerKW);
    }

    /// <summary>
    /// The arithmetic in words, for a finding or a report: "4.2 kW + (3 − 1) × 0.75 × 4.2 kW = 10.5 kW".
    /// </summary>
    public static string Explained(int consumers, double heatPumpsKW = 0, double airConditionersKW = 0)
    {
        var total = KiloWatts(consumers, heatPumpsKW, airConditionersKW);
        var largeGroup = Math.Max(LargeGroup(heatPumpsKW), LargeGroup(airConditionersKW));
        // Stryker disable once Equality : largeGroup is 0 or above 0.4 × 11 kW = 4.4 kW, never equal to 4.2 kW
        var baseText = largeGroup > PerConsumerKW
            ? string.Create(CultureInfo.InvariantCulture, $"0.4 × {Math.Max(heatPumpsKW, airConditionersKW):0.###} kW")
            : "4.2 kW";
        return consumers == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{baseText} = {total:0.###} kW")
            : string.Create(CultureInfo.InvariantCulture, $"{baseText} + ({consumers} − 1) × {SimultaneityFactor(consumers):0.00} × 4.2 kW = {total:0.###} kW");
    }

    private static double LargeGroup(double kiloWatts) => kiloWatts > LargeGroupKW ? LargeGroupShare * kiloWatts : 0;
}
