using Amtron.Dlm.Units;
using Amtron.Sim.Model;
using Amtron.VirtualMeter;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Cli.Meter;

/// <summary>
/// A scenario file's external loads (households, profiles, time series) as a meter would see them: scenario time runs
/// from the scenario's start at <c>speed</c> times the wall clock, from the moment the source is created.
/// </summary>
internal sealed class ScenarioLoadSource(SiteSpec site, DateTimeOffset origin, double speed) : IMeterSource
{
    public MeterSample Sample(DateTimeOffset now)
    {
        var scenarioTime = site.Start + TimeSpan.FromTicks((long)(Math.Max(0, (now - origin).Ticks) * speed));
        var sum = PhaseCurrents.Zero;
        foreach (var load in site.ExternalLoads)
        {
            sum += load.At(scenarioTime);
        }

        var voltage = new Volts(site.VoltageV);
        return new MeterSample(sum) { Voltages = [voltage, voltage, voltage] };
    }
}
