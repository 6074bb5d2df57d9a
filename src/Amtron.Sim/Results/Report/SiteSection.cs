using System.Globalization;
using System.Text;
using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;

namespace Amtron.Sim.Results.Report;

/// <summary>The site and its settings as the run used them: the grid connection, the meter, every DLM network.</summary>
internal static class SiteSection
{
    public static void Write(StringBuilder html, SiteSpec site)
    {
        var c = CultureInfo.InvariantCulture;
        html.Append("<h2>Site and settings</h2>\n");
        var table = new HtmlTable(html).Open()
            .Pair("period", string.Create(c, $"{Time(site.Start)} to {Time(site.End)} UTC ({HumanDuration.Of(site.Duration)})"))
            .Pair("voltage", string.Create(c, $"{site.VoltageV:0.#} V per phase"))
            .Pair("main fuse", site.MainFuseDevice is { } device ? device.ToString() : site.MainFuse is { } fuse ? Currents(fuse) : "not given (not checked)")
            .Pair("external loads", site.ExternalLoads.Count == 0 ? "none" : string.Join(", ", site.ExternalLoads.Select(l => l.Name)))
            .Pair("meter", site.Meter is { } meter ? Meter(meter) : "none")
            .Pair("vehicles", HumanCount.Of(site.Vehicles.Count, "session", "sessions"))
            .Pair("grid operator", site.GridOperator is { } dimming ? Dimming(dimming) : "does not dim the site");
        table.Close();

        if (site.Networks.Count == 0)
        {
            return;
        }

        var networks = new HtmlTable(html).Head(
            "network", "charge points", "EVSE Sub-Distribution Limit", "Operator limit", "external meter", "downgrade offset",
            "scheduler", "Current Imbalance Limit", "sample rate", "queueing", "supply line");
        foreach (var network in site.Networks)
        {
            var settings = network.Settings;
            networks.Row(
                network.Id.ToString(c),
                network.ManagedChargePoints.Count().ToString(c),
                Currents(settings.EvseSubDistributionLimit),
                Currents(settings.OperatorEvseSubDistributionLimit) + (network.OperatorLimitChanges.Count > 0 ? ", " + HumanCount.Of(network.OperatorLimitChanges.Count, "change", "changes") + " sent" : string.Empty),
                settings.ExternalMeter is { } m ? $"{Location(m.Location)}, Main Distribution Limit {Currents(m.MainDistributionLimit)}" : "none",
                settings.ExternalMeter is null ? "–" : Currents(settings.MeterDigitalInputCurrentOffset),
                settings.MaximumCurrentScheduler is { } s ? Scheduler(s) : "off",
                settings.CurrentImbalancePrevention ? Amps(settings.CurrentImbalanceLimit) : "off",
                HumanDuration.Of(network.Options.SampleRate),
                network.Options.Queueing == QueueingPolicy.FairTradeFifo ? "Fair Trade (FIFO)" : string.Create(c, $"Fair Trade (RR), every {HumanDuration.Of(network.Options.RotationInterval)}"),
                network.SupplyLineDevice is { } lineDevice ? lineDevice.ToString() : network.SupplyLineCapacity is { } line ? Currents(line) : "not given");
        }

        networks.Close();
    }

    /// <summary>"63 A", or "63 / 50 / 63 A" when the phases differ.</summary>
    internal static string Currents(PhaseCurrents currents) =>
        currents.L1 == currents.L2 && currents.L2 == currents.L3
            ? Amps(currents.L1)
            : string.Create(CultureInfo.InvariantCulture, $"{currents.L1.Value:0.###} / {currents.L2.Value:0.###} / {currents.L3.Value:0.###} A");

    private static string Amps(Amps amps) => string.Create(CultureInfo.InvariantCulture, $"{amps.Value:0.###} A");

    private static string Meter(MeterSpec meter)
    {
        var text = new StringBuilder($"{meter.Type}, read every {HumanDuration.Of(meter.PollInterval)}");
        if (meter.DigitalInputActive.Count > 0)
        {
            text.Append("; digital input energised ").Append(Windows(meter.DigitalInputActive));
        }

        if (meter.Failures.Count > 0)
        {
            text.Append("; fails ").Append(Windows(meter.Failures));
        }

        return text.ToString();
    }

    private static string Windows(IReadOnlyList<TimeWindow> windows) =>
        string.Join(", ", windows.Select(w => $"{Time(w.From)}–{Time(w.To)}"));

    private static string Scheduler(MaximumCurrentScheduler scheduler) =>
        string.Join(", ", scheduler.Entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Hour:00}:00 {Currents(e.Limit)}")));

    private static string Location(ExternalMeterLocation location) =>
        location == ExternalMeterLocation.IncludingEvseSubDistribution ? "Including the EVSE sub-distribution" : "Excluding the EVSE sub-distribution";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Dimming(GridOperatorSpec gridOperator) =>
        $"§14a dimming {string.Join(", ", gridOperator.Dimming.Select(w => $"{Time(w.From)}–{Time(w.To)}"))}, by {(gridOperator.Signal == DimmingSignal.DigitalInput ? "the meter's digital input" : "an EMS writing the Operator limit")}";
}
