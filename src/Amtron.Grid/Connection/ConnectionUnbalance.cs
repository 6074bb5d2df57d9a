using Amtron.Dlm.Units;

namespace Amtron.Grid.Connection;

/// <summary>
/// Unbalance at the grid connection point against VDE-AR-N 4100 5.5.2: the unbalanced power, the phase voltage times
/// the spread between the most and the least loaded phase, at most 4.6 kVA (20 A at 230 V). Over a run: the time above,
/// split by cause (the external loads alone already above, or the charging brought it there), and the largest spread.
/// Feed it every interval in order; the currents are constant over each, so the figures are exact.
/// </summary>
public sealed class ConnectionUnbalance
{
    /// <summary>The largest unbalanced power VDE-AR-N 4100 5.5.2 allows at a connection point.</summary>
    public const double LimitVoltAmperes = 4600;

    /// <summary>The rule at a site whose phases carry <paramref name="phaseVoltage"/> volts.</summary>
    public ConnectionUnbalance(double phaseVoltage)
    {
        if (!(phaseVoltage > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(phaseVoltage), phaseVoltage, "a voltage must be above 0 V");
        }

        Limit = Amps.FromDouble(LimitVoltAmperes / phaseVoltage);
    }

    /// <summary>The largest spread between phases allowed: 4.6 kVA over the phase voltage.</summary>
    public Amps Limit { get; }

    /// <summary>The largest spread between phases at the connection point.</summary>
    public Amps MaxSpread { get; private set; }

    /// <summary>Time with the spread above <see cref="Limit"/>.</summary>
    public TimeSpan Above => AboveByExternalLoads + AboveByCharging;

    /// <summary>Part of <see cref="Above"/> during which the external loads alone were above the limit.</summary>
    public TimeSpan AboveByExternalLoads { get; private set; }

    /// <summary>Part of <see cref="Above"/> during which the external loads alone were within it: charging took it above.</summary>
    public TimeSpan AboveByCharging { get; private set; }

    /// <summary>The figures so far.</summary>
    public UnbalanceFigures Figures => new(Limit, MaxSpread, AboveByExternalLoads, AboveByCharging);

    /// <summary>The connection carried <paramref name="supply"/>, of which <paramref name="external"/> is not charging, for <paramref name="span"/>.</summary>
    public void Advance(TimeSpan span, PhaseCurrents supply, PhaseCurrents external)
    {
        var spread = supply.Spread;
        MaxSpread = Amps.Max(MaxSpread, spread);
        if (spread <= Limit)
        {
            return;
        }

        if (external.Spread > Limit)
        {
            AboveByExternalLoads += span;
        }
        else
        {
            AboveByCharging += span;
        }
    }
}

/// <summary>What <see cref="ConnectionUnbalance"/> measured over a run.</summary>
/// <param name="Limit">The largest spread allowed (4.6 kVA over the phase voltage).</param>
/// <param name="MaxSpread">The largest spread between phases.</param>
/// <param name="AboveByExternalLoads">Time above while the external loads alone were above.</param>
/// <param name="AboveByCharging">Time above while the external loads alone were within: charging's doing.</param>
public sealed record UnbalanceFigures(Amps Limit, Amps MaxSpread, TimeSpan AboveByExternalLoads, TimeSpan AboveByCharging)
{
    /// <summary>Time with the spread above the limit.</summary>
    public TimeSpan Above => AboveByExternalLoads + AboveByCharging;
}
