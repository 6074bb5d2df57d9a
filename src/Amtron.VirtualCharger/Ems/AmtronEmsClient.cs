using Amtron.Modbus.Client;

namespace Amtron.VirtualCharger.Ems;

/// <summary>What an EMS reads from a connector each cycle; a failed read is a value, not an exception.</summary>
/// <param name="Vehicle">IEC 61851 state (register 122).</param>
/// <param name="RelayPhases">Phases switched: 0, 1 or 3 (register 140).</param>
/// <param name="CurrentsA">Current per phase (212–217, mA on the wire); null when the meter reads "not available".</param>
/// <param name="SignalledAmps">A signalled to the vehicle (706).</param>
/// <param name="EvMaximumAmps">A the vehicle and cable allow (715).</param>
public sealed record EmsObservation(VehicleState Vehicle, int RelayPhases, IReadOnlyList<double>? CurrentsA, int SignalledAmps, int EvMaximumAmps)
{
    /// <summary>How long the session has lasted (718), when read: it starts again from 0 at every plug-in.</summary>
    public TimeSpan? SessionDuration { get; init; }

    /// <summary>Why the connector could not be read, or null.</summary>
    public string? Error { get; init; }

    /// <summary>A failed read.</summary>
    public static EmsObservation Failed(string error) => new(VehicleState.E, 0, null, 0, 0) { Error = error };
}

/// <summary>Reads and writes an AMTRON connector (real or virtual) over its EMS register set (<see cref="AmtronEmsMap"/>).</summary>
public sealed class AmtronEmsClient(ModbusTcpClient modbus)
{
    private readonly ModbusTcpClient _modbus = modbus ?? throw new ArgumentNullException(nameof(modbus));

    /// <summary>
    /// Reads the state a DLM cycle needs in three requests, as integrations read real controllers (whole blocks,
    /// reserved registers included): 122–140 (vehicle state, relay), 212–217 (currents), 706–719 (signalled current,
    /// EV maximum, session energy and duration).
    /// </summary>
    public async Task<EmsObservation> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await _modbus.ReadHoldingRegistersAsync(AmtronEmsMap.VehicleState, AmtronEmsMap.RelayState - AmtronEmsMap.VehicleState + 1, cancellationToken: cancellationToken).ConfigureAwait(false);
            var currents = await _modbus.ReadHoldingRegistersAsync(AmtronEmsMap.CurrentL1, 6, cancellationToken: cancellationToken).ConfigureAwait(false);
            var session = await _modbus.ReadHoldingRegistersAsync(AmtronEmsMap.SignalledCurrent, AmtronEmsMap.SessionDuration + 2 - AmtronEmsMap.SignalledCurrent, cancellationToken: cancellationToken).ConfigureAwait(false);
            var state = status[0];
            var relay = status[AmtronEmsMap.RelayState - AmtronEmsMap.VehicleState];
            var signalled = session[0];
            var maximum = session[AmtronEmsMap.EvMaximumCurrent - AmtronEmsMap.SignalledCurrent];
            var duration = AmtronEmsMap.SessionDuration - AmtronEmsMap.SignalledCurrent;
            var seconds = ((uint)session[duration] << 16) | session[duration + 1];
            if (state is < (ushort)VehicleState.A or > (ushort)VehicleState.E)
            {
                return EmsObservation.Failed($"register 122 holds {state}, not a vehicle state 1-5");
            }

            return new EmsObservation((VehicleState)state, relay switch { 1 => 3, 5 => 1, _ => 0 }, Milliamps(currents), signalled, maximum)
            {
                SessionDuration = seconds == AmtronEmsMap.NotAvailable ? null : TimeSpan.FromSeconds(seconds),
            };
        }
        catch (Exception e) when (e is TimeoutException or IOException or ModbusException)
        {
            return EmsObservation.Failed(e.Message);
        }
    }

    /// <summary>Writes the HEMS current limit (1000): 0 pauses, else 6–32 A.</summary>
    public async Task WriteLimitAsync(int amps, CancellationToken cancellationToken = default)
    {
        if (amps is not 0 and (< AmtronEmsMap.MinimumCurrent or > AmtronEmsMap.MaximumCurrent))
        {
            throw new ArgumentOutOfRangeException(nameof(amps), amps, "a HEMS current limit is 0 (pause) or 6 to 32 A");
        }

        await _modbus.WriteSingleRegisterAsync(AmtronEmsMap.HemsCurrentLimit, (ushort)amps, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Three u32 mA values (high word first) as amps; null if any reads "not available".</summary>
    private static double[]? Milliamps(ushort[] words)
    {
        var amps = new double[3];
        for (var p = 0; p < 3; p++)
        {
            var value = ((uint)words[2 * p] << 16) | words[(2 * p) + 1];
            if (value == AmtronEmsMap.NotAvailable)
            {
                return null;
            }

            amps[p] = value / 1000.0;
        }

        return amps;
    }
}
