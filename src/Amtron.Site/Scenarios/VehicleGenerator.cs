using Amtron.Site.Model;
using MathNet.Numerics.Distributions;

namespace Amtron.Site.Scenarios;

/// <summary>A value drawn with a given share, e.g. 32 A for 40 % of vehicles.</summary>
internal readonly record struct Share(double Value, double Weight);

/// <summary>
/// Stochastic sessions: arrivals as a Poisson process whose rate follows the hour of day (UTC), log-normal dwell
/// time and energy, on-board charger current and phase count by shares. Each arrival takes a charge point chosen at
/// random among those free and wired for its phases; if none is, it is turned away (a rejected session). All
/// draws come from the scenario seed's "arrivals" stream, so a seed always gives the same sessions.
/// </summary>
internal sealed record VehicleGenerator(
    IReadOnlyList<double> ArrivalsPerHour,
    (double Mean, double Sd) DwellHours,
    (double Mean, double Sd) EnergyKWh,
    IReadOnlyList<Share> MaxCurrent,
    IReadOnlyList<Share> Phases)
{
    private const double MinimumDwellHours = 0.25;
    private const double MaximumDwellHours = 72;
    private const double MinimumEnergyKWh = 0.5;

    public List<VehicleSpec> Generate(SiteSpec site, VehicleSpec defaults)
    {
        var random = new RandomStreams(site.Seed).Stream("arrivals");
        var points = site.Networks.SelectMany(n => n.Stations).SelectMany(s => s.ChargePoints).ToList();
        var busyUntil = new DateTimeOffset[points.Count];
        Array.Fill(busyUntil, DateTimeOffset.MinValue);
        var candidates = new List<int>(points.Count);
        var arrivals = new List<DateTimeOffset>();
        for (var hour = site.Start; hour < site.End; hour = hour.AddHours(1))
        {
            var rate = ArrivalsPerHour[hour.UtcDateTime.Hour % ArrivalsPerHour.Count];
            var count = rate > 0 ? Poisson.Sample(random, rate) : 0;
            for (var i = 0; i < count; i++)
            {
                var at = hour + TimeSpan.FromSeconds(Math.Floor(random.NextDouble() * 3600));
                if (at < site.End)
                {
                    arrivals.Add(at);
                }
            }
        }

        arrivals.Sort();
        var sessions = new List<VehicleSpec>(arrivals.Count);
        foreach (var arrival in arrivals)
        {
            var dwell = Math.Clamp(LogNormalSample(random, DwellHours), MinimumDwellHours, MaximumDwellHours);
            var phases = (int)Pick(random, Phases);
            var spec = defaults with
            {
                Id = $"G{sessions.Count + 1}",
                Arrival = arrival,
                Departure = arrival + TimeSpan.FromSeconds(Math.Round(dwell * 3600)),
                MaxCurrent = Dlm.Units.Amps.FromDouble(Pick(random, MaxCurrent)),
                Phases = phases,
            };
            spec = spec with
            {
                EnergyWantedKWh = Math.Round(Math.Clamp(LogNormalSample(random, EnergyKWh), MinimumEnergyKWh, spec.BatteryRoomKWh), 3),
            };
            // Drivers take any free point, not the first one in the file: pick uniformly among the free ones.
            candidates.Clear();
            for (var p = 0; p < points.Count; p++)
            {
                if (busyUntil[p] <= arrival && points[p].PhaseRotation.Count >= phases)
                {
                    candidates.Add(p);
                }
            }

            if (candidates.Count > 0)
            {
                var free = candidates[random.Next(candidates.Count)];
                busyUntil[free] = spec.Departure;
                spec = spec with { ChargePointId = points[free].Id };
            }
            else
            {
                spec = spec with { ChargePointId = string.Empty };
            }

            sessions.Add(spec);
        }

        return sessions;
    }

    private static double LogNormalSample(Random random, (double Mean, double Sd) moments)
    {
        var sigma2 = Math.Log(1 + (moments.Sd * moments.Sd / (moments.Mean * moments.Mean)));
        return LogNormal.Sample(random, Math.Log(moments.Mean) - (sigma2 / 2), Math.Sqrt(sigma2));
    }

    private static double Pick(Random random, IReadOnlyList<Share> shares)
    {
        var total = shares.Sum(s => s.Weight);
        var roll = random.NextDouble() * total;
        foreach (var share in shares)
        {
            roll -= share.Weight;
            if (roll < 0)
            {
                return share.Value;
            }
        }

        return shares[^1].Value;
    }
}
