using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Amtron.VirtualCharger.Ems;

namespace Amtron.Hil.Tests;

/// <summary>A real point as the master sees it: sessions, currents on the grid phases, out of reach while silent.</summary>
public sealed class HilPointTests
{
    private static readonly StationSpec Station = new("CS1", StationRole.MasterWithInternalSlave, []);

    private static EmsObservation Connected(int seconds, double l1 = 10, double l2 = 0, double l3 = 0) =>
        new(VehicleState.C, 1, [l1, l2, l3], 16, 32) { SessionDuration = TimeSpan.FromSeconds(seconds) };

    [Fact]
    public void A_read_is_never_null()
    {
        var point = new HilPoint(new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation), Station, new FakeCharger("cp1"));
        Assert.Equal("observation", Assert.Throws<ArgumentNullException>(() => point.Observe(null!)).ParamName);
    }

    [Fact]
    public void Every_plug_in_is_a_new_session_also_when_a_vehicle_was_replaced_between_two_reads()
    {
        var point = new HilPoint(new ChargePointSpec("CP1", "CS1", Amps.From(32), ChargePointSpec.NoRotation), Station, new FakeCharger("cp1"));
        point.Observe(Connected(10));
        var first = point.Status.SessionKey;
        Assert.Equal("CP1#1", first);
        point.Observe(Connected(40));
        Assert.Equal(first, point.Status.SessionKey);
        point.Observe(Connected(40)); // read twice within its second
        Assert.Equal(first, point.Status.SessionKey);

        // The duration started again: another vehicle, though the point never read state A.
        point.Observe(Connected(5));
        var second = point.Status.SessionKey;
        Assert.Equal("CP1#2", second);

        point.Observe(new EmsObservation(VehicleState.A, 0, [0, 0, 0], 0, 0));
        Assert.False(point.Status.VehicleConnected);
        Assert.Null(point.Status.SessionKey);
        point.Observe(Connected(1));
        Assert.Equal("CP1#3", point.Status.SessionKey);
    }

    [Fact]
    public void The_charger_s_phases_are_counted_on_the_grid_phases_its_rotation_wires_them_to()
    {
        // Rotation L2, L3, L1: the charger's L1 is the grid's L2.
        var point = new HilPoint(new ChargePointSpec("CP1", "CS1", Amps.From(32), [Phase.L2, Phase.L3, Phase.L1]), Station, new FakeCharger("cp1"));
        point.Observe(Connected(1, l1: 10, l2: 7));
        Assert.Equal(new PhaseCurrents(Amps.Zero, Amps.From(10), Amps.From(7)), point.Status.Measured);
    }

    [Fact]
    public void A_silent_point_is_out_of_reach_and_may_draw_its_installation_limit()
    {
        var point = new HilPoint(new ChargePointSpec("CP1", "CS1", Amps.From(20), ChargePointSpec.NoRotation), Station, new FakeCharger("cp1"));
        var failed = EmsObservation.Failed("no answer");
        point.Observe(failed);
        Assert.Same(failed, point.Observed); // the read as it came, for the recording
        Assert.False(point.Answering);
        Assert.False(point.Station.ReachesMasterAt(DateTimeOffset.UnixEpoch));
        Assert.Equal(Amps.From(20), point.Station.DisconnectedLimit);
        point.Observe(Connected(3));
        Assert.Same(Station, point.Station);
    }
}
