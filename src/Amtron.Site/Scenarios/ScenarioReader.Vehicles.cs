using System.Globalization;
using Amtron.Dlm;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Amtron.Site.Scenarios.AcnData;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>The charging sessions: listed, from a CSV file, from an ACN-Data export, or generated.</summary>
internal sealed partial class ScenarioReader
{
    private List<VehicleSpec> ReadVehicles(YamlNode node, SiteSpec site)
    {
        var f = y.Fields(node, "vehicles", "defaults", "sessions", "csv", "acnData", "generator");
        var defaultsBefore = y.Errors;
        var defaults = f.TryGetValue("defaults", out var d) ? ReadVehicleFields(d, "vehicle defaults", Template(site), site, defaultsKnown: true) : Template(site);
        // Sessions made from defaults that could not be read are not checked: their errors would be the defaults'.
        var defaultsKnown = y.Errors == defaultsBefore;
        var sessions = new List<(VehicleSpec Spec, SessionPlace Place)>();
        var numbered = 0;
        if (f.TryGetValue("sessions", out var list))
        {
            foreach (var item in y.Sequence(list, "vehicles sessions"))
            {
                numbered++;
                var before = y.Errors;
                var spec = ReadVehicleFields(item, $"session {numbered}", defaults with { Id = $"S{numbered}" }, site, defaultsKnown);
                if (y.Errors == before)
                {
                    sessions.Add((spec, SessionPlace.Of(y, item)));
                }
            }
        }

        if (f.TryGetValue("csv", out var csv))
        {
            sessions.AddRange(new SessionCsvReader(y, directory, _allChargePointsKnown).Read(csv, defaults, defaultsKnown, site, numbered));
        }

        if (f.TryGetValue("acnData", out var acn))
        {
            sessions.AddRange(new AcnDataReader(y, directory, _allChargePointsKnown, _periodKnown).Read(acn, defaults, defaultsKnown, site, sessions.Count));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var valid = new List<(VehicleSpec Spec, SessionPlace Place)>();
        foreach (var (spec, place) in sessions)
        {
            if (!defaultsKnown || !Check(spec, place, site))
            {
                continue;
            }

            if (!ids.Add(spec.Id))
            {
                y.ReportAt(place.Session, $"session id '{spec.Id}' is used twice");
                continue;
            }

            valid.Add((spec, place));
        }

        if (f.TryGetValue("generator", out var generatorNode))
        {
            var generated = ReadGenerator(generatorNode, site)?.Generate(site, defaults) ?? [];
            var generatedIds = generated.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var (spec, place) in valid)
            {
                if (generatedIds.Contains(spec.Id))
                {
                    y.ReportAt(place.Session, $"session id '{spec.Id}' is also the id of a generated session (G1, G2, ...)");
                }
                else if (generated.Any(g => g.ChargePointId == spec.ChargePointId && g.Arrival < spec.Departure && spec.Arrival < g.Departure))
                {
                    y.ReportAt(place.Session, $"session '{spec.Id}' overlaps a generated session on {spec.ChargePointId}; give generated and listed sessions different charge points");
                }
            }

            return [.. valid.Select(s => s.Spec), .. generated];
        }

        foreach (var group in valid.GroupBy(s => s.Spec.ChargePointId, StringComparer.Ordinal))
        {
            var ordered = group.OrderBy(s => s.Spec.Arrival).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Spec.Arrival < ordered[i - 1].Spec.Departure)
                {
                    y.ReportAt(ordered[i].Place.Session, $"session '{ordered[i].Spec.Id}' arrives at {group.Key} before '{ordered[i - 1].Spec.Id}' has left");
                }
            }
        }

        return [.. valid.Select(s => s.Spec)];
    }

    /// <summary>Most sessions a generator makes: about 200 bytes each until the run (a year of a large car park is ~100,000).</summary>
    private const double MaximumGeneratedSessions = 2_000_000;

    private VehicleGenerator? ReadGenerator(YamlNode node, SiteSpec site)
    {
        const string What = "vehicles generator";
        var before = y.Errors;
        var f = y.Fields(node, What, "arrivalsPerHour", "dwellHours", "energyKWh", "maxCurrent", "phases");
        var rateNode = y.Required(f, node, "arrivalsPerHour", What);
        List<double> rates;
        if (rateNode is YamlScalarNode)
        {
            rates = [y.Number(rateNode, "arrivalsPerHour", 0, 100_000)];
        }
        else
        {
            rates = [.. y.Sequence(rateNode, "arrivalsPerHour").Select(n => y.Number(n, "arrivalsPerHour", 0, 100_000))];
            if (rates.Count != 24 && !y.Failed(rateNode))
            {
                y.Reject(rateNode, $"arrivalsPerHour must be one number or 24 (one per UTC hour), not {rates.Count}");
            }
        }

        var expected = rates.Count == 0 ? 0 : rates.Average() * (site.End - site.Start).TotalHours;
        if (expected > MaximumGeneratedSessions)
        {
            y.Report(rateNode, string.Create(CultureInfo.InvariantCulture, $"arrivalsPerHour over the period gives about {expected:N0} sessions; at most {MaximumGeneratedSessions:N0} are generated: a lower rate or a shorter period"));
        }

        var generator = new VehicleGenerator(
            rates,
            Moments(y.Required(f, node, "dwellHours", What), "dwellHours"),
            Moments(y.Required(f, node, "energyKWh", What), "energyKWh"),
            f.TryGetValue("maxCurrent", out var max) ? Shares(max, "maxCurrent", 6, 1000) : [new Share(16, 1)],
            f.TryGetValue("phases", out var phases) ? Shares(phases, "phases", 1, 3) : [new Share(3, 1)]);
        return y.Errors == before ? generator : null;
    }

    private (double Mean, double Sd) Moments(YamlNode node, string what)
    {
        var f = y.Fields(node, what, "mean", "sd");
        var mean = y.Number(y.Required(f, node, "mean", what), $"{what} mean", 0.001, 10_000);
        var sd = f.TryGetValue("sd", out var sdNode) ? y.Number(sdNode, $"{what} sd", 0, 10_000) : 0;
        return (mean, sd);
    }

    private List<Share> Shares(YamlNode node, string what, double minimum, double maximum)
    {
        var before = y.Errors;
        var shares = new List<Share>();
        foreach (var item in y.Sequence(node, what))
        {
            var f = y.Fields(item, what, "value", "share");
            var valueNode = y.Required(f, item, "value", what);
            var value = y.Number(valueNode, $"{what} value", minimum, maximum);
            if (what == "phases" && value != Math.Floor(value))
            {
                y.Reject(valueNode, "phases must be 1, 2 or 3");
            }

            shares.Add(new Share(value, y.Number(y.Required(f, item, "share", what), $"{what} share", 0, 1_000_000)));
        }

        if (y.Errors == before && (shares.Count == 0 || shares.Sum(s => s.Weight) <= 0))
        {
            y.Report(node, $"{what} needs at least one value with a share above 0");
        }

        return shares;
    }

    /// <summary>The keys of a battery that an ideal vehicle does not have.</summary>
    private static readonly string[] IdealHasNo = ["batteryKWh", "initialSoc", "targetSoc", "taperAboveSoc", "reactionDelay", "sleepAfter"];

    private static VehicleSpec Template(SiteSpec site) => new("template", string.Empty, site.Start, site.End, 0);

    /// <summary>A session's keys over <paramref name="defaults"/>; unless <paramref name="defaultsKnown"/> is false (the defaults had an error, which checks that combine them would repeat), its energy is checked against its battery.</summary>
    private VehicleSpec ReadVehicleFields(YamlNode node, string what, VehicleSpec defaults, SiteSpec site, bool defaultsKnown)
    {
        var f = y.Fields(node, what, "id", "chargePoint", "arrival", "departure", "energyKWh", "targetSoc", "batteryKWh", "initialSoc", "maxCurrent", "phases", "taperAboveSoc", "reactionDelay", "sleepAfter", "model");
        var spec = defaults;
        if (f.TryGetValue("model", out var model))
        {
            var chosen = y.Choice(model, "model", spec.Model, ("battery", VehicleModel.Battery), ("ideal", VehicleModel.Ideal));
            // A battery over ideal defaults gets a battery's own delay and sleep back (those of a spec with no keys).
            var battery = new VehicleSpec(spec.Id, spec.ChargePointId, spec.Arrival, spec.Departure, spec.EnergyWantedKWh);
            spec = chosen == VehicleModel.Ideal ? spec with { Model = VehicleModel.Ideal, ReactionDelay = TimeSpan.Zero, SleepAfter = null }
                : spec.Model == VehicleModel.Ideal ? spec with { Model = VehicleModel.Battery, ReactionDelay = battery.ReactionDelay, SleepAfter = battery.SleepAfter }
                : spec;
        }

        if (spec.Model == VehicleModel.Ideal)
        {
            // An ideal vehicle has none of these: a value here would be silently ignored.
            foreach (var key in IdealHasNo.Where(f.ContainsKey))
            {
                y.Reject(f[key], $"{what}: {key} does not apply to model: ideal (no battery, no taper, follows at once, never sleeps)");
                f.Remove(key);
            }
        }

        if (f.TryGetValue("id", out var id))
        {
            spec = spec with { Id = y.String(id, "id") };
        }

        if (f.TryGetValue("chargePoint", out var cp))
        {
            spec = spec with { ChargePointId = y.String(cp, "chargePoint") };
        }

        spec = spec with
        {
            Arrival = f.TryGetValue("arrival", out var a) ? y.Time(a, "arrival", site.Start) : spec.Arrival,
            Departure = f.TryGetValue("departure", out var dep) ? y.Time(dep, "departure", site.Start) : spec.Departure,
            BatteryKWh = f.TryGetValue("batteryKWh", out var b) ? y.Number(b, "batteryKWh", 1, 1000) : spec.BatteryKWh,
            InitialStateOfCharge = f.TryGetValue("initialSoc", out var soc) ? y.Number(soc, "initialSoc", 0, 1) : spec.InitialStateOfCharge,
            MaxCurrent = f.TryGetValue("maxCurrent", out var max) ? VehicleMaxCurrent(max) : spec.MaxCurrent,
            Phases = f.TryGetValue("phases", out var ph) ? (int)y.Whole(ph, "phases", 1, 3) : spec.Phases,
            TaperAboveStateOfCharge = f.TryGetValue("taperAboveSoc", out var t) ? y.Number(t, "taperAboveSoc", 0, 0.999) : spec.TaperAboveStateOfCharge,
            ReactionDelay = f.TryGetValue("reactionDelay", out var r) ? y.Duration(r, "reactionDelay", allowZero: true) : spec.ReactionDelay,
            SleepAfter = f.TryGetValue("sleepAfter", out var sl) ? (y.String(sl, "sleepAfter") == "never" ? null : y.Duration(sl, "sleepAfter")) : spec.SleepAfter,
        };

        if (f.TryGetValue("energyKWh", out var e) && f.TryGetValue("targetSoc", out var both))
        {
            y.Report(both, $"{what}: give energyKWh or targetSoc, not both");
        }
        else if (f.TryGetValue("energyKWh", out e))
        {
            spec = spec with { EnergyWantedKWh = y.Number(e, "energyKWh", 0, 10_000) };
        }
        else if (f.TryGetValue("targetSoc", out var target))
        {
            var targetSoc = y.Number(target, "targetSoc", 0, 1);
            // Never above the room: targetSoc is at most 1. Below initialSoc the vehicle wants nothing.
            spec = spec with { EnergyWantedKWh = Math.Max(0, targetSoc - spec.InitialStateOfCharge) * spec.BatteryKWh };
        }

        if (defaultsKnown)
        {
            CheckBatteryRoom(f, spec);
        }

        return spec;
    }

    /// <summary>
    /// The energy wanted against the battery's room, reported at the value this mapping wrote that makes it too much:
    /// its energyKWh, else its batteryKWh or initialSoc (the energy then came from the defaults).
    /// </summary>
    private void CheckBatteryRoom(Dictionary<string, YamlNode> f, VehicleSpec spec)
    {
        string[] keys = ["energyKWh", "batteryKWh", "initialSoc"];
        var written = keys.Where(f.ContainsKey).Select(k => f[k]).ToList();
        // Nothing written here: the defaults' values, checked with them. A value that failed is reported already.
        if (written.Count == 0 || written.Any(y.Failed) || f.ContainsKey("targetSoc"))
        {
            return;
        }

        var where = f.ContainsKey("energyKWh") ? string.Empty : " of the vehicle defaults";
        if (BatteryRoom.Overflow("energyKWh", spec.EnergyWantedKWh, spec, where) is { } problem)
        {
            y.Reject(written[0], problem);
        }
    }

    /// <summary>An on-board charger's limit: at least 6 A, the least current IEC 61851 lets a vehicle charge with.</summary>
    private Amps VehicleMaxCurrent(YamlNode node)
    {
        var amps = y.Amps(node, "maxCurrent");
        if (!y.Failed(node) && amps < DlmConstants.MinimumChargingCurrent)
        {
            y.Reject(node, FormattableString.Invariant($"maxCurrent {amps.Value} A is below 6 A: under IEC 61851 a vehicle cannot charge with less, so this session could never charge"));
        }

        return amps;
    }

    /// <summary>A session's fields against the site; false (reported) when it cannot run.</summary>
    private bool Check(VehicleSpec spec, SessionPlace place, SiteSpec site)
    {
        if (!_chargePoints.TryGetValue(spec.ChargePointId, out var cp))
        {
            // An unreadable station or charge point id may be the one this session names.
            if (_allChargePointsKnown || spec.ChargePointId.Length == 0)
            {
                y.ReportAt(place.ChargePoint, spec.ChargePointId.Length == 0 ? $"session '{spec.Id}' needs a chargePoint" : $"session '{spec.Id}': there is no charge point '{spec.ChargePointId}'");
            }

            return false;
        }

        if (spec.Departure <= spec.Arrival)
        {
            y.ReportAt(place.Departure, $"session '{spec.Id}': departure must be after arrival");
            return false;
        }

        if (_periodKnown && (spec.Arrival < site.Start || spec.Arrival >= site.End))
        {
            y.ReportAt(place.Arrival, $"session '{spec.Id}': arrival is outside the simulated period");
            return false;
        }

        if (cp.Complete && spec.Phases > cp.Point.PhaseRotation.Count)
        {
            y.ReportAt(place.Phases, $"session '{spec.Id}': a {spec.Phases}-phase vehicle cannot charge on {cp.Point.Id}, which is wired to {cp.Point.PhaseRotation.Count} phase(s)");
            return false;
        }

        return true;
    }
}
