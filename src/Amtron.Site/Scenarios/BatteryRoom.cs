using System.Globalization;
using Amtron.Site.Model;

namespace Amtron.Site.Scenarios;

/// <summary>
/// A session cannot want more energy than its battery can take, batteryKWh × (1 − initialSoc). Such a session is
/// refused where it is written: run, it would be cut to the room and could never say what it wanted.
/// </summary>
internal static class BatteryRoom
{
    /// <summary>Slack for rounding, so an energy written as exactly the room is accepted.</summary>
    private const double ToleranceKWh = 1e-9;

    /// <summary>
    /// Why <paramref name="energyKWh"/>, named in the file as <paramref name="energy"/> (e.g. <c>energyKWh</c>) and
    /// written <paramref name="where"/> (e.g. " of the vehicle defaults"), does not fit <paramref name="vehicle"/>'s
    /// battery; null when it does.
    /// </summary>
    public static string? Overflow(string energy, double energyKWh, VehicleSpec vehicle, string where = "")
    {
        var room = vehicle.BatteryRoomKWh;
        return energyKWh <= room + ToleranceKWh
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{energy} {energyKWh}{where} is more than the battery can take: batteryKWh {vehicle.BatteryKWh} x (1 - initialSoc {vehicle.InitialStateOfCharge}) = {Math.Round(room, 6)} kWh");
    }
}
