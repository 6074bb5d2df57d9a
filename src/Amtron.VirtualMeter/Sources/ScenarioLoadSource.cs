using Amtron.Site.Model;

namespace Amtron.VirtualMeter.Sources;

/// <summary>
/// A scenario file's external loads (households, profiles, time series) and the meter's digital (downgrade) input as a
/// meter would see them: scenario time runs from the scenario's start at <c>speed</c> times the wall clock, from
/// <paramref name="origin"/> on.
/// </summary>
/// <param name="site">The site whose external loads are served.</param>
/// <param name="origin">The wall-clock instant that maps to the site's start.</param>
/// <param name="speed">Scenario seconds per wall-clock second.</param>
public sealed class ScenarioLoadSource(SiteSpec site, DateTimeOffset origin, double speed) : IMeterSource
{
    /// <inheritdoc />
    public MeterSample Sample(DateTimeOffset now)
    {
        var scenarioTime = site.Start + TimeSpan.FromTicks((long)(Math.Max(0, (now - origin).Ticks) * speed));
        var voltage = new Volts(site.VoltageV);
        return new MeterSample(site.ExternalLoadAt(scenarioTime))
        {
            Voltages = [voltage, voltage, voltage],
            DigitalInput = site.DigitalInputAt(scenarioTime),
        };
    }
}
