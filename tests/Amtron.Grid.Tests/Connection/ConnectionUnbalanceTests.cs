using Amtron.Dlm.Units;
using Amtron.Grid.Connection;

namespace Amtron.Grid.Tests.Connection;

/// <summary>VDE-AR-N 4100 5.5.2: at most 4.6 kVA unbalanced power at the connection point.</summary>
public class ConnectionUnbalanceTests
{
    // 4,600 VA / 230 V = 20 A; at a 208 V site 22.115 A.
    [Theory]
    [InlineData(230, 20000)]
    [InlineData(208, 22115)]
    public void The_limit_is_4_6_kVA_over_the_phase_voltage(double volts, long milliamps)
    {
        Assert.Equal(Amps.FromMilliamps(milliamps), new ConnectionUnbalance(volts).Limit);
    }

    // A spread of 20 A is allowed, 20.001 A is not. 22 A on L1 from charging over a household of 10/6/6 A: spread 26 A,
    // the household alone 4 A (charging's doing); a 24 A single-phase household load alone is above (24 A), whatever
    // the charging adds on top (spread 24 A).
    [Fact]
    public void Time_above_is_split_by_whether_the_external_loads_alone_were_above()
    {
        var rule = new ConnectionUnbalance(230);

        rule.Advance(TimeSpan.FromSeconds(10), PhaseCurrents.FromWholeAmps(20, 0, 0), PhaseCurrents.Zero);
        rule.Advance(TimeSpan.FromSeconds(20), PhaseCurrents.FromWholeAmps(32, 6, 6), PhaseCurrents.FromWholeAmps(10, 6, 6));
        rule.Advance(TimeSpan.FromSeconds(30), PhaseCurrents.FromWholeAmps(40, 16, 16), PhaseCurrents.FromWholeAmps(24, 0, 0));
        rule.Advance(TimeSpan.FromSeconds(40), new PhaseCurrents(Amps.FromMilliamps(20_001), Amps.Zero, Amps.Zero), PhaseCurrents.Zero);

        Assert.Equal(TimeSpan.FromSeconds(60), rule.AboveByCharging);
        Assert.Equal(TimeSpan.FromSeconds(30), rule.AboveByExternalLoads);
        Assert.Equal(TimeSpan.FromSeconds(90), rule.Above);
        Assert.Equal(Amps.From(26), rule.MaxSpread);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-230)]
    public void A_voltage_must_be_above_0_V(double volts)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionUnbalance(volts));

        Assert.Equal("phaseVoltage", error.ParamName);
        Assert.StartsWith("a voltage must be above 0 V", error.Message, StringComparison.Ordinal);
    }

    // External loads exactly at the limit (20 A on L1 alone) are within it: charging that takes the spread to 26 A above
    // it is charging's doing. The figures say the same: 10 s above, all by charging.
    [Fact]
    public void External_loads_exactly_at_the_limit_are_within_it()
    {
        var rule = new ConnectionUnbalance(230);

        rule.Advance(TimeSpan.FromSeconds(10), PhaseCurrents.FromWholeAmps(26, 0, 0), PhaseCurrents.FromWholeAmps(20, 0, 0));

        Assert.Equal(new UnbalanceFigures(Amps.From(20), Amps.From(26), TimeSpan.Zero, TimeSpan.FromSeconds(10)), rule.Figures);
        Assert.Equal(TimeSpan.FromSeconds(10), rule.Figures.Above);
    }

    // Both causes add up: 30 s by the external loads (24 A alone) and 20 s by charging: 50 s above.
    [Fact]
    public void The_figures_time_above_is_both_causes_together()
    {
        var rule = new ConnectionUnbalance(230);

        rule.Advance(TimeSpan.FromSeconds(30), PhaseCurrents.FromWholeAmps(24, 0, 0), PhaseCurrents.FromWholeAmps(24, 0, 0));
        rule.Advance(TimeSpan.FromSeconds(20), PhaseCurrents.FromWholeAmps(32, 6, 6), PhaseCurrents.FromWholeAmps(10, 6, 6));

        Assert.Equal(TimeSpan.FromSeconds(50), rule.Figures.Above);
    }
}
