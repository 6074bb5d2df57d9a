using System.Text;
using Amtron.Dlm.Units;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>What each row carries behind its totals: every network's draw, the external load, every point's phases.</summary>
public sealed class SiteRowDetailTests
{
    [Theory]
    [InlineData("6.2-two-networks.yaml")]
    [InlineData("6.3.1-house-meter-excluding.yaml")]
    [InlineData("6.3.2-apartments-meter-including.yaml")]
    [InlineData("7-imbalance.yaml")]
    public void The_supply_is_the_external_load_plus_every_point_on_its_phases_and_each_network_its_own_points(string file)
    {
        var site = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", file)).Site;
        var members = site.Networks.Select(n => n.ManagedChargePoints.Select(m => m.ChargePoint.Id).ToHashSet(StringComparer.Ordinal)).ToArray();
        var sink = new CheckingSink(members);
        _ = new SiteSimulation(site, sink).Run();
        Assert.True(sink.Rows > 10, $"{sink.Rows} rows");
        Assert.True(sink.Drawing > 0, "no row with a point drawing current");
    }

    [Fact]
    public void A_partitioned_run_passes_the_same_detail_as_one_thread()
    {
        var site = YearCarPark.Days(9, 2);
        Assert.Equal(Detail(site, 1), Detail(site, 5));
    }

    private static string Detail(SiteSpec site, int partitions)
    {
        var sink = new DetailText();
        _ = new SiteSimulation(site, sink, new SiteSimulationOptions { MaxPartitions = partitions }).Run();
        return sink.Text.ToString();
    }

    /// <summary>Checks each row against the sums it must equal (the ledger keeps them apart, in milliamps).</summary>
    private sealed class CheckingSink(HashSet<string>[] members) : ITimeSeriesSink
    {
        private IReadOnlyList<string> _points = [];

        public int Rows { get; private set; }

        public int Drawing { get; private set; }

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds) => _points = chargePointIds;

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
            throw new InvalidOperationException("the ledger passes every row with its detail");

        public void Row(in SiteRow row)
        {
            Assert.True(row.HasDetail);
            var total = row.External;
            var networks = new PhaseCurrents[members.Length];
            for (var i = 0; i < row.ChargePoints.Length; i++)
            {
                var on = OnPhases(row.ChargePoints[i], row.ChargePointPhases[i]);
                total += on;
                Drawing += row.ChargePoints[i] > Amps.Zero ? 1 : 0;
                for (var n = 0; n < members.Length; n++)
                {
                    networks[n] += members[n].Contains(_points[i]) ? on : PhaseCurrents.Zero;
                }
            }

            Assert.Equal(total, row.Supply);
            Assert.Equal(networks, row.NetworkDraw.ToArray());
            Rows++;
        }

        public void Finish(DateTimeOffset time)
        {
        }

        private static PhaseCurrents OnPhases(Amps current, byte phases) => new(
            (phases & 1) != 0 ? current : Amps.Zero, (phases & 2) != 0 ? current : Amps.Zero, (phases & 4) != 0 ? current : Amps.Zero);
    }

    private sealed class DetailText : ITimeSeriesSink
    {
        public StringBuilder Text { get; } = new();

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
        {
        }

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
            throw new InvalidOperationException("the ledger passes every row with its detail");

        public void Row(in SiteRow row)
        {
            Text.Append(row.Time.Ticks).Append(' ').Append(row.External).Append(' ').Append(row.Supply);
            foreach (var draw in row.NetworkDraw)
            {
                Text.Append(' ').Append(draw);
            }

            foreach (var phases in row.ChargePointPhases)
            {
                Text.Append(' ').Append(phases);
            }

            Text.Append('\n');
        }

        public void Finish(DateTimeOffset time)
        {
        }
    }
}
