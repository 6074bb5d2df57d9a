using System.Text.Json;
using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Limits;
using Amtron.Dlm.Units;

namespace Amtron.Cli.Allocate;

/// <summary>Writes one compact response object: the contract fields first, then the explanation.</summary>
internal static class AllocateResponseWriter
{
    public static void Write(Utf8JsonWriter json, AllocateRequest request, in DlmDecision decision, ReadOnlySpan<int> currents, ReadOnlySpan<AllocationOutcome> outcomes)
    {
        json.WriteStartObject();
        WriteWholeAmps(json, "availableCurrent", decision.Pool.Available);
        json.WriteStartArray("allocations");
        for (var i = 0; i < request.ChargePoints.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("id", request.ChargePoints[i].Id);
            json.WriteNumber("current", currents[i]);
            json.WriteString("limitedBy", Name(outcomes[i]));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteNumber("chargingCount", decision.ChargingCount);
        WriteWholeAmps(json, "phaseLoad", decision.PhaseLoad);
        json.WriteStartArray("availableLimitedBy");
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            json.WriteStringValue(Name(decision.Pool.BoundBy[p]));
        }

        json.WriteEndArray();
        WriteAmps(json, "operatorLimit", decision.Pool.OperatorLimit);
        if (decision.Pool.SchedulerLimit is { } schedule)
        {
            WriteAmps(json, "schedulerLimit", schedule);
        }

        json.WriteString("meterStatus", decision.Pool.MeterStatus switch
        {
            MeterStatus.Ok => "ok",
            MeterStatus.Failed => "failed",
            _ => "notConfigured",
        });
        WriteAmps(json, "externalLoad", decision.Pool.ExternalLoad);
        if (decision.AllowedImbalance is { } allowed)
        {
            json.WriteNumber("imbalanceAllowed", Decimal(allowed));
        }

        json.WriteNumber("imbalance", Decimal(decision.GridImbalance));
        json.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter json, int lineNumber, RequestError error)
    {
        json.WriteStartObject();
        json.WriteString("error", $"line {lineNumber}: {error.Path}: {error.Message}");
        json.WriteEndObject();
    }

    private static void WriteWholeAmps(Utf8JsonWriter json, string name, PhaseCurrents currents)
    {
        json.WriteStartArray(name);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            json.WriteNumberValue(currents[p].FloorWholeAmps);
        }

        json.WriteEndArray();
    }

    private static void WriteAmps(Utf8JsonWriter json, string name, PhaseCurrents currents)
    {
        json.WriteStartArray(name);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            json.WriteNumberValue(Decimal(currents[p]));
        }

        json.WriteEndArray();
    }

    /// <summary>Exact decimal amps (milliamp resolution), so 12.5 prints as 12.5 and never as 12.499999.</summary>
    private static decimal Decimal(Amps amps) => amps.Milliamps / (decimal)Amps.MilliampsPerAmp;

    private static string Name(AllocationOutcome outcome) => outcome switch
    {
        AllocationOutcome.NotRequesting => "notRequesting",
        AllocationOutcome.CeilingBelowMinimum => "ceilingBelowMinimum",
        AllocationOutcome.Paused => "paused",
        AllocationOutcome.Ceiling => "ceiling",
        AllocationOutcome.PhaseLimitL1 => "availableL1",
        AllocationOutcome.PhaseLimitL2 => "availableL2",
        AllocationOutcome.PhaseLimitL3 => "availableL3",
        _ => "imbalance",
    };

    private static string Name(LimitSource source) => source switch
    {
        LimitSource.EvseSubDistributionLimit => "evseSubDistributionLimit",
        LimitSource.OperatorEvseSubDistributionLimit => "operatorEvseSubDistributionLimit",
        LimitSource.MaximumCurrentScheduler => "maximumCurrentScheduler",
        _ => "mainDistributionLimit",
    };
}
