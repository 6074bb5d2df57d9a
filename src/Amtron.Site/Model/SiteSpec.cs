using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Grid.Protection;

namespace Amtron.Site.Model;

/// <summary>A whole site: grid connection, consumers, meter, DLM networks, vehicles, and the simulated period.</summary>
/// <param name="Start">Start of the simulated period (UTC).</param>
/// <param name="Duration">Length of the simulated period.</param>
/// <param name="Seed">Master seed of every random stream.</param>
public sealed record SiteSpec(DateTimeOffset Start, TimeSpan Duration, ulong Seed)
{
    /// <summary>Nominal phase voltage for energy.</summary>
    public double VoltageV { get; init; } = 230;

    /// <summary>Rated current of the main fuse at the grid connection, if known (checked as a limit).</summary>
    public PhaseCurrents? MainFuse { get; init; }

    /// <summary>The main fuse as a device with time-current curves, when the file names its type (docs/grid.md).</summary>
    public ProtectiveDevice? MainFuseDevice { get; init; }

    /// <summary>The grid operator's §14a dimming, when the site is dimmed (docs/grid.md).</summary>
    public GridOperatorSpec? GridOperator { get; init; }

    /// <summary>Consumers outside the charging infrastructure.</summary>
    public IReadOnlyList<IExternalLoad> ExternalLoads { get; init; } = [];

    /// <summary>The external meter, if installed; where it sits is each master's External Meter Location.</summary>
    public MeterSpec? Meter { get; init; }

    /// <summary>DLM networks.</summary>
    public IReadOnlyList<NetworkSpec> Networks { get; init; } = [];

    /// <summary>Charging sessions.</summary>
    public IReadOnlyList<VehicleSpec> Vehicles { get; init; } = [];

    /// <summary>How the charge points reach their backend, when the file says (else <c>amtron check</c> infers it).</summary>
    public BackendConnection? Backend { get; init; }

    /// <summary>End of the simulated period.</summary>
    public DateTimeOffset End => Start + Duration;

    /// <summary>
    /// Whether the meter measures the charge points' draw besides the external loads: it sits upstream of the EVSE
    /// sub-distribution, a master's External Meter Location being Including (manual 6.3.2). False without a meter.
    /// </summary>
    public bool MeterIncludesDraw =>
        Meter is not null && Networks.Any(n => n.Settings.ExternalMeter is { Location: ExternalMeterLocation.IncludingEvseSubDistribution });

    /// <summary>The sum of every external load at <paramref name="time"/>.</summary>
    public PhaseCurrents ExternalLoadAt(DateTimeOffset time)
    {
        var sum = PhaseCurrents.Zero;
        foreach (var load in ExternalLoads)
        {
            sum += load.At(time);
        }

        return sum;
    }

    /// <summary>Whether the meter's digital (downgrade) input is energised at <paramref name="time"/> (never without a meter).</summary>
    public bool DigitalInputAt(DateTimeOffset time) => Meter?.DigitalInputAt(time) ?? false;

    /// <summary>
    /// The instants inside the period at which the settings in force change without a load step: Operator limit
    /// changes, scheduler hours, the digital input switching, meter failures and satellite outages beginning or ending.
    /// </summary>
    public IEnumerable<DateTimeOffset> SettingChanges()
    {
        var times = new SortedSet<DateTimeOffset>();
        foreach (var network in Networks)
        {
            foreach (var change in network.OperatorLimitChanges)
            {
                times.Add(change.At);
            }

            if (network.Settings.MaximumCurrentScheduler is { } scheduler)
            {
                for (var day = Start.UtcDateTime.Date; day < End; day = day.AddDays(1))
                {
                    foreach (var entry in scheduler.Entries)
                    {
                        times.Add(new DateTimeOffset(day.AddHours(entry.Hour), TimeSpan.Zero));
                    }
                }
            }
        }

        var windows = (Meter?.DigitalInputActive ?? []).Concat(Meter?.Failures ?? [])
            .Concat(Networks.SelectMany(n => n.Stations).SelectMany(s => s.Outages));
        foreach (var window in windows)
        {
            times.Add(window.From);
            times.Add(window.To);
        }

        return times.Where(t => t > Start && t < End);
    }
}
