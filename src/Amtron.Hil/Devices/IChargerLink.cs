using Amtron.VirtualCharger.Ems;

namespace Amtron.Hil.Devices;

/// <summary>One charge point's EMS interface as the loop uses it: a real AMTRON over Modbus TCP, or a test double.</summary>
public interface IChargerLink
{
    /// <summary>Where it is reached (for messages).</summary>
    string Address { get; }

    /// <summary>The state a cycle needs; a failed read carries its error, never throws.</summary>
    Task<EmsObservation> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Its safe current (131) and communication timeout in seconds (132); throws on a device error.</summary>
    Task<(int SafeCurrent, int TimeoutSeconds)> ReadSafetyAsync(CancellationToken cancellationToken);

    /// <summary>Writes the HEMS current limit (1000): 0, or 6–32 A; throws on a device error.</summary>
    Task WriteLimitAsync(int amps, CancellationToken cancellationToken);
}

/// <summary>The site's meter as the loop uses it.</summary>
public interface IMeterLink
{
    /// <summary>Where it is reached (for messages).</summary>
    string Address { get; }

    /// <summary>One reading; a failed read is a reading with status Failed and its error, never an exception.</summary>
    Task<VirtualMeter.Pac2200.Pac2200Reading> ReadAsync(CancellationToken cancellationToken);
}
