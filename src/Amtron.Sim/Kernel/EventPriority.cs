namespace Amtron.Sim.Kernel;

/// <summary>
/// Order of event kinds at one instant (lower first); within a kind, first scheduled runs first. A car leaving and
/// the next arriving at the same point in the same second is normal in real data, so departures free the point
/// before arrivals take it, meters are read before the DLM decides, and setpoints follow the decision.
/// </summary>
public enum EventPriority
{
    /// <summary>A vehicle leaves.</summary>
    Departure = 0,

    /// <summary>A vehicle arrives.</summary>
    Arrival = 1,

    /// <summary>The DLM master polls the external meter.</summary>
    MeterPoll = 2,

    /// <summary>The DLM master decides.</summary>
    Decision = 3,

    /// <summary>Charge points apply new setpoints.</summary>
    Setpoint = 4,

    /// <summary>Everything else (vehicle reactions, profile steps, process resumptions).</summary>
    Normal = 5,
}
