using System.Text.Json;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using static Amtron.Cli.Allocate.JsonFields;

namespace Amtron.Cli.Allocate;

/// <summary>
/// Reads one `amtron allocate` request line. Unknown fields are errors, not ignored: a misspelt limit silently
/// falling back to its default could let the tool allocate more current than the installer meant.
/// </summary>
internal static class AllocateRequestReader
{
    private const string Root = "";
    private const int MaximumChargePoints = 100_000;

    public static (AllocateRequest? Request, RequestError? Error) Read(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return (ReadRequest(document.RootElement), null);
        }
        catch (JsonException exception)
        {
            var column = exception.BytePositionInLine is { } position ? $" at byte {position + 1}" : string.Empty;
            return (null, new RequestError("$", $"invalid JSON{column}"));
        }
        catch (RequestException exception)
        {
            return (null, new RequestError(exception.Path.Length == 0 ? "$" : exception.Path, exception.Message));
        }
    }

    private static AllocateRequest ReadRequest(JsonElement root)
    {
        RequireObject(root, "$");
        RejectUnknown(root, Root, "settings", "timeUtc", "meter", "digitalInputActive", "chargePoints");
        var settings = ReadSettings(Required(root, Root, "settings"), "settings");

        DateTimeOffset time;
        if (TryGet(root, "timeUtc", out var timeElement))
        {
            time = UtcTime(timeElement, "timeUtc");
        }
        else if (settings.MaximumCurrentScheduler is not null)
        {
            throw new RequestException("timeUtc", "is required when maximumCurrentScheduler is set (its hours are UTC)");
        }
        else
        {
            time = DateTimeOffset.UnixEpoch;
        }

        var meter = TryGet(root, "meter", out var meterElement) ? ReadMeter(meterElement, "meter") : MeterReading.Failed;
        var digitalInput = TryGet(root, "digitalInputActive", out var input) && Boolean(input, "digitalInputActive");
        var chargePoints = ReadChargePoints(Required(root, Root, "chargePoints"), "chargePoints");
        return new AllocateRequest(settings, new DecisionInput(time, meter, digitalInput), chargePoints);
    }

    private static DlmSettings ReadSettings(JsonElement element, string path)
    {
        RequireObject(element, path);
        RejectUnknown(
            element,
            path,
            "evseSubDistributionLimit",
            "operatorEvseSubDistributionLimit",
            "currentImbalancePrevention",
            "currentImbalanceLimit",
            "externalMeter",
            "maximumCurrentScheduler",
            "meterDigitalInputCurrentOffset");

        var subDistribution = WholePhaseAmps(Required(element, path, "evseSubDistributionLimit"), Join(path, "evseSubDistributionLimit"));
        var settings = new DlmSettings(subDistribution);
        if (TryGet(element, "operatorEvseSubDistributionLimit", out var op))
        {
            settings = settings with { OperatorEvseSubDistributionLimit = WholePhaseAmps(op, Join(path, "operatorEvseSubDistributionLimit")) };
        }

        if (TryGet(element, "currentImbalancePrevention", out var prevention))
        {
            settings = settings with { CurrentImbalancePrevention = Boolean(prevention, Join(path, "currentImbalancePrevention")) };
        }

        if (TryGet(element, "currentImbalanceLimit", out var imbalance))
        {
            settings = settings with { CurrentImbalanceLimit = WholeAmps(imbalance, Join(path, "currentImbalanceLimit")) };
        }

        if (TryGet(element, "externalMeter", out var meter))
        {
            settings = settings with { ExternalMeter = ReadExternalMeter(meter, Join(path, "externalMeter")) };
        }

        if (TryGet(element, "maximumCurrentScheduler", out var scheduler))
        {
            settings = settings with { MaximumCurrentScheduler = ReadScheduler(scheduler, Join(path, "maximumCurrentScheduler")) };
        }

        if (TryGet(element, "meterDigitalInputCurrentOffset", out var offset))
        {
            settings = settings with { MeterDigitalInputCurrentOffset = WholePhaseAmps(offset, Join(path, "meterDigitalInputCurrentOffset")) };
        }

        return settings;
    }

    private static ExternalMeterSettings ReadExternalMeter(JsonElement element, string path)
    {
        RequireObject(element, path);
        RejectUnknown(element, path, "location", "mainDistributionLimit", "externalLoadHeadroom", "externalLoadFallback");
        var locationPath = Join(path, "location");
        var location = String(Required(element, path, "location"), locationPath) switch
        {
            "excluding" => ExternalMeterLocation.ExcludingEvseSubDistribution,
            "including" => ExternalMeterLocation.IncludingEvseSubDistribution,
            var other => throw new RequestException(locationPath, $"must be \"excluding\" or \"including\", not \"{other}\""),
        };
        var meter = new ExternalMeterSettings(location, WholePhaseAmps(Required(element, path, "mainDistributionLimit"), Join(path, "mainDistributionLimit")));
        if (TryGet(element, "externalLoadHeadroom", out var headroom))
        {
            meter = meter with { ExternalLoadHeadroom = WholePhaseAmps(headroom, Join(path, "externalLoadHeadroom")) };
        }

        if (TryGet(element, "externalLoadFallback", out var fallback))
        {
            meter = meter with { ExternalLoadFallback = WholePhaseAmps(fallback, Join(path, "externalLoadFallback")) };
        }

        return meter;
    }

    private static MaximumCurrentScheduler? ReadScheduler(JsonElement element, string path)
    {
        var rows = JsonFields.Array(element, path, 0, MaximumCurrentScheduler.HoursPerDay);
        if (rows.Length == 0)
        {
            return null;
        }

        var entries = new List<SchedulerEntry>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var rowPath = $"{path}[{i}]";
            RequireObject(rows[i], rowPath);
            RejectUnknown(rows[i], rowPath, "hour", "limit");
            var hour = (int)WholeNumber(Required(rows[i], rowPath, "hour"), Join(rowPath, "hour"), 0, MaximumCurrentScheduler.HoursPerDay - 1);
            if (entries.Any(e => e.Hour == hour))
            {
                throw new RequestException(Join(rowPath, "hour"), $"hour {hour} appears twice");
            }

            entries.Add(new SchedulerEntry(hour, WholePhaseAmps(Required(rows[i], rowPath, "limit"), Join(rowPath, "limit"))));
        }

        return new MaximumCurrentScheduler(entries);
    }

    private static MeterReading ReadMeter(JsonElement element, string path)
    {
        RequireObject(element, path);
        RejectUnknown(element, path, "currents", "failed");
        var failed = TryGet(element, "failed", out var failedElement) && Boolean(failedElement, Join(path, "failed"));
        var hasCurrents = TryGet(element, "currents", out var currents);
        if (failed)
        {
            return hasCurrents
                ? throw new RequestException(Join(path, "currents"), "must be absent when the meter failed")
                : MeterReading.Failed;
        }

        return hasCurrents
            ? MeterReading.Of(MeasuredPhaseAmps(currents, Join(path, "currents"), -MaximumAmps))
            : throw new RequestException(Join(path, "currents"), "is required unless \"failed\":true");
    }

    private static ChargePointDemand[] ReadChargePoints(JsonElement element, string path)
    {
        var items = JsonFields.Array(element, path, 0, MaximumChargePoints);
        var result = new ChargePointDemand[items.Length];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var itemPath = $"{path}[{i}]";
            result[i] = ReadChargePoint(items[i], itemPath);
            if (!ids.Add(result[i].Id))
            {
                throw new RequestException(Join(itemPath, "id"), $"\"{result[i].Id}\" is used by an earlier charge point");
            }
        }

        return result;
    }

    private static ChargePointDemand ReadChargePoint(JsonElement element, string path)
    {
        RequireObject(element, path);
        RejectUnknown(element, path, "id", "installationCurrentLimit", "phases", "requesting", "maxCurrent", "measuredCurrents");
        var id = String(Required(element, path, "id"), Join(path, "id"));
        if (id.Length == 0)
        {
            throw new RequestException(Join(path, "id"), "must not be empty");
        }

        var installation = WholeAmps(Required(element, path, "installationCurrentLimit"), Join(path, "installationCurrentLimit"));
        var phases = ReadPhases(Required(element, path, "phases"), Join(path, "phases"));
        var requesting = !TryGet(element, "requesting", out var requestingElement) || Boolean(requestingElement, Join(path, "requesting"));
        var vehicle = TryGet(element, "maxCurrent", out var max)
            ? Amps.FromDouble(Number(max, Join(path, "maxCurrent"), 0))
            : installation;
        var measured = TryGet(element, "measuredCurrents", out var measuredElement)
            ? MeasuredPhaseAmps(measuredElement, Join(path, "measuredCurrents"), 0)
            : PhaseCurrents.Zero;
        return new ChargePointDemand(id, phases, installation, vehicle, requesting, measured);
    }

    private static PhaseSet ReadPhases(JsonElement element, string path)
    {
        var items = JsonFields.Array(element, path, 1, PhaseSet.PhaseCount);
        var mask = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var itemPath = $"{path}[{i}]";
            var bit = String(items[i], itemPath) switch
            {
                "L1" => 1,
                "L2" => 2,
                "L3" => 4,
                var other => throw new RequestException(itemPath, $"must be \"L1\", \"L2\" or \"L3\", not \"{other}\""),
            };
            if ((mask & bit) != 0)
            {
                throw new RequestException(itemPath, "names a phase twice");
            }

            mask |= bit;
        }

        return PhaseSet.FromMask(mask);
    }
}
