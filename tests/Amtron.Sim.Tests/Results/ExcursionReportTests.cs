using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Results;

public sealed class ExcursionReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static LimitExcursion Excursion(string limit, int minute, double ampereSeconds) =>
        new(limit, false, Start.AddMinutes(minute), TimeSpan.FromSeconds(10), Amps.From(1), ampereSeconds);

    private static SimulationResult With(IReadOnlyList<LimitExcursion> excursions) =>
        new([], [Amps.Zero, Amps.Zero, Amps.Zero], 0, 0, new Dictionary<string, double>(), Amps.Zero, Amps.Zero, 0, 3600, 0, 0)
        {
            LimitExcursions = excursions,
        };

    [Fact]
    public void Each_limit_lists_its_largest_excursions_in_time_order_and_the_rest_are_counted()
    {
        // Imbalance: 25 excursions at minutes 0..24, the later the larger (1..25 A·s): the 20 largest are minutes
        // 5..24. The main fuse's single excursion at minute 7 is listed however many the imbalance limit has.
        var imbalance = Enumerable.Range(0, 25).Select(m => Excursion("imbalance", m, m + 1)).ToList();
        var fuse = Excursion("fuse", 7, 0.5);
        var (listed, notListed) = ExcursionReport.Of(With([.. imbalance, fuse]));
        Assert.Equal(5, notListed);
        Assert.Equal([.. imbalance.Skip(5).Take(2), fuse, .. imbalance.Skip(7)], listed);
    }

    [Fact]
    public void Among_equal_excursions_the_earlier_are_listed()
    {
        var same = Enumerable.Range(0, 22).Select(m => Excursion("imbalance", m, 3)).ToList();
        var (listed, notListed) = ExcursionReport.Of(With(same));
        Assert.Equal(2, notListed);
        Assert.Equal(same.Take(20), listed);
    }
}
