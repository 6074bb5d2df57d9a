using Amtron.Dlm.Units;
using Amtron.VirtualMeter.Pac2200;

namespace Amtron.VirtualMeter.Tests;

/// <summary>
/// What the meter derives from per-phase U, I and PF (docs/modbus.md's register table), on phases that all differ, so
/// a total or an average that drops, repeats or subtracts a phase shows.
/// </summary>
public sealed class ElectricalTests
{
    private const int Digits = 6;

    // L1 imports 10 A at 230 V, PF 0.8; L2 exports 20 A at 240 V, PF 0.6; L3 imports 5 A at 220 V, PF 0.28.
    private static readonly Electrical Asymmetric = new(new MeterSample(PhaseCurrents.FromDoubles(10, -20, 5))
    {
        Voltages = [new Volts(230), new Volts(240), new Volts(220)],
        PowerFactors = [0.8, 0.6, 0.28],
    });

    [Fact]
    public void Each_phase_has_its_own_apparent_active_and_reactive_power()
    {
        // S = U·|I|: 230·10 = 2300, 240·20 = 4800, 220·5 = 1100 VA.
        Assert.Equal(2300, Asymmetric.ApparentPower(0), Digits);
        Assert.Equal(4800, Asymmetric.ApparentPower(1), Digits);
        Assert.Equal(1100, Asymmetric.ApparentPower(2), Digits);

        // P = S·PF signed with the current: 2300·0.8 = 1840, −4800·0.6 = −2880, 1100·0.28 = 308 W.
        Assert.Equal(1840, Asymmetric.ActivePower(0), Digits);
        Assert.Equal(-2880, Asymmetric.ActivePower(1), Digits);
        Assert.Equal(308, Asymmetric.ActivePower(2), Digits);

        // Q = S·√(1 − PF²): 2300·0.6 = 1380, 4800·0.8 = 3840, 1100·√(1 − 0.0784) = 1100·0.96 = 1056 var.
        Assert.Equal(1380, Asymmetric.ReactivePower(0), Digits);
        Assert.Equal(3840, Asymmetric.ReactivePower(1), Digits);
        Assert.Equal(1056, Asymmetric.ReactivePower(2), Digits);

        // The current register is the magnitude; the power factor is the one given.
        Assert.Equal(20, Asymmetric.Current(1));
        Assert.Equal(0.28, Asymmetric.PowerFactor(2));
    }

    [Fact]
    public void Totals_add_the_three_phases_and_the_total_power_factor_is_the_net_active_power_over_the_apparent()
    {
        Assert.Equal(2300 + 4800 + 1100, Asymmetric.TotalApparentPower, Digits); // 8200 VA
        Assert.Equal(1840 - 2880 + 308, Asymmetric.TotalActivePower, Digits); // −732 W: the site exports
        Assert.Equal(1380 + 3840 + 1056, Asymmetric.TotalReactivePower, Digits); // 6276 var

        // |P| / S = 732 / 8200 = 0.08926…: far from 1, the phases' powers partly cancel.
        Assert.Equal(732.0 / 8200, Asymmetric.TotalPowerFactor, Digits);
    }

    [Fact]
    public void Averages_are_over_the_three_phases()
    {
        Assert.Equal(230, Asymmetric.AverageVoltage, Digits); // (230 + 240 + 220) / 3
        Assert.Equal(35.0 / 3, Asymmetric.AverageCurrent, Digits); // (10 + 20 + 5) / 3 = 11.667 A: magnitudes

        // L1-L2 = √(230² + 240² + 230·240) = √(52900 + 57600 + 55200) = √165700 = 407.06265 V
        // L2-L3 = √(240² + 220² + 240·220) = √(57600 + 48400 + 52800) = √158800 = 398.49718 V
        // L3-L1 = √(220² + 230² + 220·230) = √(48400 + 52900 + 50600) = √151900 = 389.74351 V
        Assert.Equal(Math.Sqrt(165700), Asymmetric.LineToLine(0), Digits);
        Assert.Equal(Math.Sqrt(158800), Asymmetric.LineToLine(1), Digits);
        Assert.Equal(Math.Sqrt(151900), Asymmetric.LineToLine(2), Digits);
        Assert.Equal((Math.Sqrt(165700) + Math.Sqrt(158800) + Math.Sqrt(151900)) / 3, Asymmetric.AverageLineToLine, Digits); // 398.43444 V
    }

    [Fact]
    public void The_neutral_current_is_the_phasor_sum_of_the_magnitudes_120_degrees_apart()
    {
        // a² + b² + c² − ab − bc − ca = 100 + 400 + 25 − 200 − 100 − 50 = 175; √175 = 13.2288 A.
        Assert.Equal(Math.Sqrt(175), Asymmetric.Neutral, Digits);
    }

    [Fact]
    public void With_no_load_the_total_power_factor_is_1()
    {
        var idle = new Electrical(new MeterSample(PhaseCurrents.Zero) { PowerFactors = [0.5, 0.5, 0.5] });
        Assert.Equal(0, idle.TotalApparentPower);
        Assert.Equal(1, idle.TotalPowerFactor); // not 0/0
    }

    [Fact]
    public void A_power_factor_outside_0_to_1_is_taken_as_its_magnitude_clamped_to_1()
    {
        var odd = new Electrical(new MeterSample(PhaseCurrents.FromDoubles(10, 10, 10)) { PowerFactors = [-0.5, 1.5, 0] });
        Assert.Equal(0.5, odd.PowerFactor(0));
        Assert.Equal(1, odd.PowerFactor(1));
        Assert.Equal(1150, odd.ActivePower(0), Digits); // 230·10·0.5: the sign comes from the current, not the PF
        Assert.Equal(2300, odd.ActivePower(1), Digits);
        Assert.Equal(0, odd.ReactivePower(1)); // S = P: not √(negative)
        Assert.Equal(2300, odd.ReactivePower(2), Digits); // PF 0: all of S is reactive
    }
}
