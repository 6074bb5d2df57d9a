using Amtron.Sim.Kernel;
using Amtron.Sim.Runtime;

namespace Amtron.Sim.Tests.Runtime;

public sealed class SiteEventOrderTests
{
    [Fact]
    public void At_one_instant_departures_then_arrivals_then_setting_changes_then_decisions_then_the_rest()
    {
        var sim = new Simulation(DateTimeOffset.UnixEpoch, 1);
        var seen = new List<string>();
        var kinds = new (string Name, int Priority)[]
        {
            ("normal", SiteEventOrder.Normal), ("decision", SiteEventOrder.Decision), ("arrival", SiteEventOrder.Arrival),
            ("setting", SiteEventOrder.SettingChange), ("departure", SiteEventOrder.Departure),
        };
        foreach (var (name, priority) in kinds)
        {
            sim.Timeout(TimeSpan.FromMinutes(1), priority).OnProcessed(_ => seen.Add(name));
        }

        sim.Timeout(TimeSpan.FromMinutes(1)).OnProcessed(_ => seen.Add("reaction"));
        sim.Run();
        Assert.Equal(["departure", "arrival", "setting", "decision", "normal", "reaction"], seen);
    }
}
