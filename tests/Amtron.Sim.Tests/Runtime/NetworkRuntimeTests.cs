using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>The points a network's master is shown are its occupied ones in its own order, whatever the arrival order.</summary>
public sealed class NetworkRuntimeTests
{
    [Fact]
    public void Occupied_points_keep_the_networks_order_whatever_order_vehicles_arrive_and_leave_in()
    {
        var specs = Enumerable.Range(0, 4).Select(i => new ChargePointSpec($"P{i}", "S", Amps.From(16), ChargePointSpec.NoRotation)).ToArray();
        var station = new StationSpec("S", StationRole.MasterWithInternalSlave, specs);
        var network = new NetworkRuntime(new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(32)), new DlmControllerOptions(), [station]), 0, 230, _ => { });
        var points = specs.Select((spec, i) => new ChargePointRuntime(spec, station, network, i) { PositionInNetwork = i }).ToArray();

        network.Occupy(points[2]);
        network.Occupy(points[0]);
        network.Occupy(points[3]);
        network.Occupy(points[1]);
        Assert.Equal([points[0], points[1], points[2], points[3]], network.Occupied);

        network.Vacate(points[1]);
        network.Occupy(points[1]);
        Assert.Equal([points[0], points[1], points[2], points[3]], network.Occupied);
    }
}
