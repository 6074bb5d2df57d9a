using Amtron.Dlm.Units;

namespace Amtron.Site.Model;

/// <summary>One charging session: a vehicle at a charge point from arrival to departure, wanting some energy.</summary>
/// <param name="Id">Session name (reports).</param>
/// <param name="ChargePointId">Where it plugs in.</param>
/// <param name="Arrival">When it plugs in.</param>
/// <param name="Departure">When it leaves, charged or not.</param>
/// <param name="EnergyWantedKWh">Energy the driver wants delivered.</param>
public sealed record VehicleSpec(string Id, string ChargePointId, DateTimeOffset Arrival, DateTimeOffset Departure, double EnergyWantedKWh)
{
    /// <summary>IEC 61851-1 lets a vehicle take up to 5 s to follow a new signalled current; most take less.</summary>
    public static readonly TimeSpan DefaultReactionDelay = TimeSpan.FromSeconds(3);

    /// <summary>Usable battery capacity.</summary>
    public double BatteryKWh { get; init; } = 60;

    /// <summary>State of charge at arrival, 0..1.</summary>
    public double InitialStateOfCharge { get; init; } = 0.2;

    /// <summary>
    /// The energy its battery can take from its initial state of charge: batteryKWh x (1 - initialSoc); unlimited for
    /// an ideal vehicle, which takes whatever it wants.
    /// </summary>
    public double BatteryRoomKWh => Model == VehicleModel.Ideal ? double.PositiveInfinity : BatteryKWh * (1 - InitialStateOfCharge);

    /// <summary>How it charges: a battery with its taper, reaction delay and sleep, or ideal.</summary>
    public VehicleModel Model { get; init; } = VehicleModel.Battery;

    /// <summary>On-board charger limit per phase.</summary>
    public Amps MaxCurrent { get; init; } = Amps.From(16);

    /// <summary>Phases the on-board charger uses (1, 2 or 3), starting at the charge point's L1.</summary>
    public int Phases { get; init; } = 3;

    /// <summary>Above this state of charge the vehicle tapers (CC-CV): its current falls linearly to a trickle at full.</summary>
    public double TaperAboveStateOfCharge { get; init; } = 0.8;

    /// <summary>Time to follow a new signalled current.</summary>
    public TimeSpan ReactionDelay { get; init; } = DefaultReactionDelay;

    /// <summary>A vehicle paused this long falls asleep and draws nothing until woken; null = never sleeps.</summary>
    public TimeSpan? SleepAfter { get; init; } = TimeSpan.FromMinutes(30);
}

/// <summary>How a vehicle charges.</summary>
public enum VehicleModel
{
    /// <summary>A battery: CC-CV taper above <see cref="VehicleSpec.TaperAboveStateOfCharge"/>, a reaction delay, sleep in a pause.</summary>
    Battery,

    /// <summary>
    /// Ideal, as simulators such as ACN-Sim model batteries: any current up to its limit from arrival to the energy
    /// wanted, no taper, no battery capacity, follows a new signal at once and never sleeps.
    /// </summary>
    Ideal,
}
