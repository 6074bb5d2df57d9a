using Amtron.Dlm.Control;
using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Control;
using Amtron.Site.Model;

namespace Amtron.Site.Tests.Control;

public sealed class NetworkMasterTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly DlmSettings Settings = new(PhaseCurrents.Uniform(32));

    [Fact]
    public void Two_requesting_points_share_the_line_and_an_empty_point_is_not_looked_at()
    {
        var (master, points) = Network(Station("CS1", StationRole.MasterWithInternalSlave, "A", "B", "C"));
        points[0].Connect("s1");
        points[2].Connect("s2");

        var step = master.Decide(Start, MeterReading.Failed, false, points);

        // 32 A per phase over two 3-phase vehicles: 16 A each (max-min fair); C has no vehicle and is left out.
        Assert.Equal(2, master.Count);
        Assert.Equal(Amps.From(32), step.Decision.Pool.Available.L1);
        Assert.Equal([("A", 16), ("C", 16)], Commands(master));
        Assert.Same(points[2], master.PointAt(1));
    }

    [Fact]
    public void The_operator_limit_in_force_at_the_decision_applies()
    {
        var spec = new NetworkSpec(0, Settings, new DlmControllerOptions(), [Station("CS1", StationRole.MasterWithInternalSlave, "A", "B")])
        {
            OperatorLimitChanges = [new OperatorLimitChange(Start.AddHours(1), PhaseCurrents.Uniform(20))],
        };
        var master = new NetworkMaster<FakePoint>(spec);
        FakePoint[] points = [.. spec.Stations[0].ChargePoints.Select(cp => new FakePoint(cp, spec.Stations[0]))];
        points[0].Connect("s1");
        points[1].Connect("s2");

        master.Decide(Start, MeterReading.Failed, false, points);
        Assert.Equal([("A", 16), ("B", 16)], Commands(master));

        // From 01:00 the Operator limit is 20 A: 10 A each.
        master.Decide(Start.AddHours(1), MeterReading.Failed, false, points);
        Assert.Equal([("A", 10), ("B", 10)], Commands(master));
    }

    [Fact]
    public void An_operator_limit_written_by_an_ems_holds_from_the_next_decision_until_a_later_change()
    {
        // The file lowers the Operator limit to 20 A at 01:00; an EMS writes 24 A at 00:30 and 30 A at 02:00.
        var spec = new NetworkSpec(0, Settings, new DlmControllerOptions(), [Station("CS1", StationRole.MasterWithInternalSlave, "A", "B")])
        {
            OperatorLimitChanges = [new OperatorLimitChange(Start.AddHours(1), PhaseCurrents.Uniform(20))],
        };
        var master = new NetworkMaster<FakePoint>(spec);
        FakePoint[] points = [.. spec.Stations[0].ChargePoints.Select(cp => new FakePoint(cp, spec.Stations[0]))];
        points[0].Connect("s1");
        points[1].Connect("s2");

        Assert.True(master.WriteOperatorLimit(Start.AddMinutes(30), PhaseCurrents.Uniform(24)));
        Assert.False(master.WriteOperatorLimit(Start.AddMinutes(40), PhaseCurrents.Uniform(24)));
        master.Decide(Start.AddMinutes(45), MeterReading.Failed, false, points);
        Assert.Equal([("A", 12), ("B", 12)], Commands(master));
        master.Decide(Start.AddHours(1), MeterReading.Failed, false, points);
        Assert.Equal([("A", 10), ("B", 10)], Commands(master));
        Assert.True(master.WriteOperatorLimit(Start.AddHours(2), PhaseCurrents.Uniform(30)));
        master.Decide(Start.AddHours(2), MeterReading.Failed, false, points);
        Assert.Equal([("A", 15), ("B", 15)], Commands(master));
        Assert.Equal(3, master.Spec.OperatorLimitChanges.Count);
    }

    [Fact]
    public void A_point_capped_by_its_own_ems_counts_at_most_its_cap()
    {
        // 32 A over two 3-phase vehicles, A capped at 10 A by its EMS: A 10 A, B the other 22 A.
        var (master, points) = Network(Station("CS1", StationRole.MasterWithInternalSlave, "A", "B"));
        points[0].Connect("s1", cap: Amps.From(10));
        points[1].Connect("s2");

        master.Decide(Start, MeterReading.Failed, false, points);
        Assert.Equal([("A", 10), ("B", 22)], Commands(master));
    }

    [Fact]
    public void An_empty_satellite_out_of_reach_is_reported_and_its_disconnected_limit_reserved()
    {
        var satellite = Station("CS2", StationRole.SlaveAutoDiscovery, "S") with
        {
            Outages = [new TimeWindow(Start, Start.AddHours(1))],
            DisconnectedLimit = Amps.From(10),
        };
        var (master, points) = Network(Station("CS1", StationRole.MasterWithInternalSlave, "A"), satellite);
        points[0].Connect("s1");

        var step = master.Decide(Start.AddMinutes(5), MeterReading.Failed, false, points);

        // The lost satellite may draw its Disconnected Limit of 10 A on its own: 32 - 10 = 22 A are left for A.
        Assert.Equal(2, master.Count);
        Assert.Equal(CommandReason.Disconnected, master.CommandAt(1).Reason);
        Assert.Equal(22, master.CommandAt(0).Current);
        Assert.Equal(Amps.From(22), step.Decision.Pool.Available.L1);

        // Back in reach and empty, it is no longer looked at: A gets the whole 32 A.
        master.Decide(Start.AddHours(1), MeterReading.Failed, false, points);
        Assert.Equal([("A", 32)], Commands(master));
    }

    private static (NetworkMaster<FakePoint> Master, FakePoint[] Points) Network(params StationSpec[] stations)
    {
        var spec = new NetworkSpec(0, Settings, new DlmControllerOptions(), stations);
        return (new NetworkMaster<FakePoint>(spec), [.. stations.SelectMany(s => s.ChargePoints.Select(cp => new FakePoint(cp, s)))]);
    }

    private static StationSpec Station(string id, StationRole role, params string[] points) =>
        new(id, role, [.. points.Select(p => new ChargePointSpec(p, id, Amps.From(32), ChargePointSpec.NoRotation))]);

    private static List<(string, int)> Commands(NetworkMaster<FakePoint> master) =>
        [.. Enumerable.Range(0, master.Count).Select(i => (master.CommandAt(i).Id, master.CommandAt(i).Current))];

    private sealed class FakePoint(ChargePointSpec spec, StationSpec station) : IMasterPoint
    {
        public ChargePointSpec Spec { get; } = spec;

        public StationSpec Station { get; } = station;

        public PhaseSet ConnectorPhases => Spec.ConnectorPhases;

        public PointStatus Status { get; private set; }

        public void Connect(string session, Amps? cap = null) => Status = new PointStatus(true, true, PhaseCurrents.Zero, session) { CurrentCap = cap };
    }
}
