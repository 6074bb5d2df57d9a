using System.Text.Json;
using Amtron.Cli.Allocate;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using static Amtron.Benchmarks.Allocate.Legacy.JsonFields;

namespace Amtron.Benchmarks.Allocate.Legacy;

/// <summary>
/// The hand-written reader `amtron allocate` used before System.Text.Json (commit 44eafc7), kept only to compare
/// speed (AllocateReaderBenchmark, docs/performance.md). Each object is read in one pass over its fields; null counts as
/// absent. Unknown fields are errors, not ignored: a misspelt limit silently falling back to its default could let
/// the tool allocate more current than the installer meant.
/// </summary>
internal static class LegacyAllocateRequestReader
{
    private const int MaximumChargePoints = 100_000;
    private const string RequestFields = "settings, timeUtc, meter, digitalInputActive, chargePoints";
    private const string SettingsFields = "evseSubDistributionLimit, operatorEvseSubDistributionLimit, currentImbalancePrevention, currentImbalanceLimit, externalMeter, maximumCurrentScheduler, meterDigitalInputCurrentOffset";
    private const string MeterSettingsFields = "location, mainDistributionLimit, externalLoadHeadroom, externalLoadFallback";
    private const string SchedulerFields = "hour, limit";
    private const string MeterFields = "currents, failed";
    private const string ChargePointFields = "id, installationCurrentLimit, phases, requesting, maxCurrent, measuredCurrents";

    public static (AllocateRequest? Request, RequestError? Error) Read(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return (ReadRequest(document.RootElement, JsonPath.Root), null);
        }
        catch (JsonException exception)
        {
            var column = exception.BytePositionInLine is { } position ? $" at byte {position + 1}" : string.Empty;
            return (null, new RequestError("$", $"invalid JSON{column}"));
        }
        catch (RequestException exception)
        {
            return (null, new RequestError(exception.Path, exception.Message));
        }
    }

    private static AllocateRequest ReadRequest(JsonElement root, JsonPath path)
    {
        RequireObject(root, path);
        DlmSettings? settings = null;
        DateTimeOffset? time = null;
        var meter = MeterReading.Failed;
        var digitalInput = false;
        ChargePointDemand[]? chargePoints = null;
        foreach (var field in root.EnumerateObject())
        {
            var value = field.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.NameEquals("settings"u8))
            {
                settings = ReadSettings(value, path.Field("settings"));
            }
            else if (field.NameEquals("timeUtc"u8))
            {
                time = UtcTime(value, path.Field("timeUtc"));
            }
            else if (field.NameEquals("meter"u8))
            {
                meter = ReadMeter(value, path.Field("meter"));
            }
            else if (field.NameEquals("digitalInputActive"u8))
            {
                digitalInput = Boolean(value, path.Field("digitalInputActive"));
            }
            else if (field.NameEquals("chargePoints"u8))
            {
                chargePoints = ReadChargePoints(value, path.Field("chargePoints"));
            }
            else
            {
                throw Unknown(path, field.Name, RequestFields);
            }
        }

        if (settings is null)
        {
            throw Missing(path, "settings");
        }
        if (time is null && settings.MaximumCurrentScheduler is not null)
        {
            throw new RequestException(path.Field("timeUtc"), "is required when maximumCurrentScheduler is set (its hours are UTC)");
        }

        return new AllocateRequest(settings, new DecisionInput(time ?? DateTimeOffset.UnixEpoch, meter, digitalInput), chargePoints ?? []);
    }

    private static DlmSettings ReadSettings(JsonElement element, JsonPath path)
    {
        RequireObject(element, path);
        PhaseCurrents? subDistribution = null;
        PhaseCurrents? operatorLimit = null;
        var prevention = false;
        var imbalanceLimit = DlmSettings.DefaultCurrentImbalanceLimit;
        ExternalMeterSettings? meter = null;
        MaximumCurrentScheduler? scheduler = null;
        var offset = PhaseCurrents.Zero;
        foreach (var field in element.EnumerateObject())
        {
            var value = field.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.NameEquals("evseSubDistributionLimit"u8))
            {
                subDistribution = WholePhaseAmps(value, path.Field("evseSubDistributionLimit"));
            }
            else if (field.NameEquals("operatorEvseSubDistributionLimit"u8))
            {
                operatorLimit = WholePhaseAmps(value, path.Field("operatorEvseSubDistributionLimit"));
            }
            else if (field.NameEquals("currentImbalancePrevention"u8))
            {
                prevention = Boolean(value, path.Field("currentImbalancePrevention"));
            }
            else if (field.NameEquals("currentImbalanceLimit"u8))
            {
                imbalanceLimit = WholeAmps(value, path.Field("currentImbalanceLimit"));
            }
            else if (field.NameEquals("externalMeter"u8))
            {
                meter = ReadExternalMeter(value, path.Field("externalMeter"));
            }
            else if (field.NameEquals("maximumCurrentScheduler"u8))
            {
                scheduler = ReadScheduler(value, path.Field("maximumCurrentScheduler"));
            }
            else if (field.NameEquals("meterDigitalInputCurrentOffset"u8))
            {
                offset = WholePhaseAmps(value, path.Field("meterDigitalInputCurrentOffset"));
            }
            else
            {
                throw Unknown(path, field.Name, SettingsFields);
            }
        }

        var settings = new DlmSettings(subDistribution ?? throw Missing(path, "evseSubDistributionLimit"))
        {
            CurrentImbalancePrevention = prevention,
            CurrentImbalanceLimit = imbalanceLimit,
            ExternalMeter = meter,
            MaximumCurrentScheduler = scheduler,
            MeterDigitalInputCurrentOffset = offset,
        };
        return operatorLimit is { } op ? settings with { OperatorEvseSubDistributionLimit = op } : settings;
    }

    private static ExternalMeterSettings ReadExternalMeter(JsonElement element, JsonPath path)
    {
        RequireObject(element, path);
        ExternalMeterLocation? location = null;
        PhaseCurrents? main = null;
        var headroom = PhaseCurrents.Zero;
        var fallback = ExternalMeterSettings.DefaultExternalLoadFallback;
        foreach (var field in element.EnumerateObject())
        {
            var value = field.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.NameEquals("location"u8))
            {
                location = String(value, path.Field("location")) switch
                {
                    "excluding" => ExternalMeterLocation.ExcludingEvseSubDistribution,
                    "including" => ExternalMeterLocation.IncludingEvseSubDistribution,
                    var other => throw new RequestException(path.Field("location"), $"must be \"excluding\" or \"including\", not \"{other}\""),
                };
            }
            else if (field.NameEquals("mainDistributionLimit"u8))
            {
                main = WholePhaseAmps(value, path.Field("mainDistributionLimit"));
            }
            else if (field.NameEquals("externalLoadHeadroom"u8))
            {
                headroom = WholePhaseAmps(value, path.Field("externalLoadHeadroom"));
            }
            else if (field.NameEquals("externalLoadFallback"u8))
            {
                fallback = WholePhaseAmps(value, path.Field("externalLoadFallback"));
            }
            else
            {
                throw Unknown(path, field.Name, MeterSettingsFields);
            }
        }

        return new ExternalMeterSettings(location ?? throw Missing(path, "location"), main ?? throw Missing(path, "mainDistributionLimit"))
        {
            ExternalLoadHeadroom = headroom,
            ExternalLoadFallback = fallback,
        };
    }

    private static MaximumCurrentScheduler? ReadScheduler(JsonElement element, JsonPath path)
    {
        var length = ArrayLength(element, path, 0, MaximumCurrentScheduler.HoursPerDay);
        if (length == 0)
        {
            return null;
        }

        var entries = new List<SchedulerEntry>(length);
        for (var i = 0; i < length; i++)
        {
            var rowPath = path.Item(i);
            var row = element[i];
            RequireObject(row, rowPath);
            int? hour = null;
            PhaseCurrents? limit = null;
            foreach (var field in row.EnumerateObject())
            {
                if (field.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (field.NameEquals("hour"u8))
                {
                    hour = (int)WholeNumber(field.Value, rowPath.Field("hour"), 0, MaximumCurrentScheduler.HoursPerDay - 1);
                }
                else if (field.NameEquals("limit"u8))
                {
                    limit = WholePhaseAmps(field.Value, rowPath.Field("limit"));
                }
                else
                {
                    throw Unknown(rowPath, field.Name, SchedulerFields);
                }
            }

            var entryHour = hour ?? throw Missing(rowPath, "hour");
            if (entries.Exists(e => e.Hour == entryHour))
            {
                throw new RequestException(rowPath.Field("hour"), $"hour {entryHour} appears twice");
            }

            entries.Add(new SchedulerEntry(entryHour, limit ?? throw Missing(rowPath, "limit")));
        }

        return new MaximumCurrentScheduler(entries);
    }

    private static MeterReading ReadMeter(JsonElement element, JsonPath path)
    {
        RequireObject(element, path);
        var failed = false;
        PhaseCurrents? currents = null;
        foreach (var field in element.EnumerateObject())
        {
            if (field.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.NameEquals("failed"u8))
            {
                failed = Boolean(field.Value, path.Field("failed"));
            }
            else if (field.NameEquals("currents"u8))
            {
                currents = MeasuredPhaseAmps(field.Value, path.Field("currents"), -MaximumAmps);
            }
            else
            {
                throw Unknown(path, field.Name, MeterFields);
            }
        }

        if (failed)
        {
            return currents is null
                ? MeterReading.Failed
                : throw new RequestException(path.Field("currents"), "must be absent when the meter failed");
        }

        return currents is { } reading
            ? MeterReading.Of(reading)
            : throw new RequestException(path.Field("currents"), "is required unless \"failed\":true");
    }

    private static ChargePointDemand[] ReadChargePoints(JsonElement element, JsonPath path)
    {
        var length = ArrayLength(element, path, 0, MaximumChargePoints);
        var result = new ChargePointDemand[length];
        var ids = new HashSet<string>(length, StringComparer.Ordinal);
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = path.Item(i);
            result[i] = ReadChargePoint(item, itemPath);
            if (!ids.Add(result[i].Id))
            {
                throw new RequestException(itemPath.Field("id"), $"\"{result[i].Id}\" is used by an earlier charge point");
            }

            i++;
        }

        return result;
    }

    private static ChargePointDemand ReadChargePoint(JsonElement element, JsonPath path)
    {
        RequireObject(element, path);
        string? id = null;
        Amps? installation = null;
        var phases = PhaseSet.None;
        var requesting = true;
        Amps? vehicle = null;
        var measured = PhaseCurrents.Zero;
        foreach (var field in element.EnumerateObject())
        {
            var value = field.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (field.NameEquals("id"u8))
            {
                id = String(value, path.Field("id"));
                if (id.Length == 0)
                {
                    throw new RequestException(path.Field("id"), "must not be empty");
                }
            }
            else if (field.NameEquals("installationCurrentLimit"u8))
            {
                installation = WholeAmps(value, path.Field("installationCurrentLimit"));
            }
            else if (field.NameEquals("phases"u8))
            {
                phases = ReadPhases(value, path.Field("phases"));
            }
            else if (field.NameEquals("requesting"u8))
            {
                requesting = Boolean(value, path.Field("requesting"));
            }
            else if (field.NameEquals("maxCurrent"u8))
            {
                vehicle = Amps.FromDouble(Number(value, path.Field("maxCurrent"), 0));
            }
            else if (field.NameEquals("measuredCurrents"u8))
            {
                measured = MeasuredPhaseAmps(value, path.Field("measuredCurrents"), 0);
            }
            else
            {
                throw Unknown(path, field.Name, ChargePointFields);
            }
        }

        if (id is null)
        {
            throw Missing(path, "id");
        }

        var limit = installation ?? throw Missing(path, "installationCurrentLimit");
        if (phases.IsEmpty)
        {
            throw Missing(path, "phases");
        }

        return new ChargePointDemand(id, phases, limit, vehicle ?? limit, requesting, measured);
    }

    private static PhaseSet ReadPhases(JsonElement element, JsonPath path)
    {
        var length = ArrayLength(element, path, 1, PhaseSet.PhaseCount);
        var mask = 0;
        for (var i = 0; i < length; i++)
        {
            var item = element[i];
            var bit = item.ValueKind != JsonValueKind.String ? 0
                : item.ValueEquals("L1"u8) ? 1
                : item.ValueEquals("L2"u8) ? 2
                : item.ValueEquals("L3"u8) ? 4
                : 0;
            if (bit == 0)
            {
                var text = item.ValueKind == JsonValueKind.String ? $"\"{item.GetString()}\"" : item.GetRawText();
                throw new RequestException(path.Item(i), $"must be \"L1\", \"L2\" or \"L3\", not {text}");
            }

            if ((mask & bit) != 0)
            {
                throw new RequestException(path.Item(i), "names a phase twice");
            }

            mask |= bit;
        }

        return PhaseSet.FromMask(mask);
    }
}
