using Amtron.Dlm.Units;
using Amtron.Grid.Protection;

namespace Amtron.Grid.Tests.Protection;

/// <summary>Devices for tests, which exist by construction.</summary>
internal static class Devices
{
    public static ProtectiveDevice Of(DeviceKind kind, long rating) =>
        ProtectiveDevice.Create(kind, Amps.From(rating), out var problem) ?? throw new InvalidOperationException(problem);

    public static double Seconds(this ProtectiveDevice device, double amps, CurveEdge edge) =>
        device.TimeToTrip(Amps.FromDouble(amps), edge)?.TotalSeconds ?? double.PositiveInfinity;
}
