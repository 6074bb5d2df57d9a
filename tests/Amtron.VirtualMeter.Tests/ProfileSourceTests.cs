using Amtron.Dlm.Units;
using Amtron.Site.Scenarios;
using Amtron.VirtualMeter.Sources;

namespace Amtron.VirtualMeter.Tests;

/// <summary>CSV profiles: step replay, speed, loop, ISO times, located errors.</summary>
public sealed class ProfileSourceTests : IDisposable
{
    private static readonly DateTimeOffset Origin = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-profile-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string File(string text)
    {
        var path = Path.Combine(_work, $"{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Each_row_holds_until_the_next_and_the_last_holds_after_the_end()
    {
        var source = ProfileSource.Load(File("time,I1,I2,I3,DI\n0,1,2,3,0\n60,4,5,6,1 # a comment\n"), Origin);
        Assert.Equal(PhaseCurrents.FromDoubles(1, 2, 3), source.Sample(Origin.AddSeconds(59.9)).Currents);
        Assert.False(source.Sample(Origin).DigitalInput);
        Assert.Equal(PhaseCurrents.FromDoubles(4, 5, 6), source.Sample(Origin.AddSeconds(60)).Currents);
        Assert.True(source.Sample(Origin.AddHours(5)).DigitalInput);
    }

    [Fact]
    public void Speed_scales_time_and_loop_restarts()
    {
        var source = ProfileSource.Load(File("0,1,1,1\n100,2,2,2\n200,3,3,3\n"), Origin, speed: 10, loop: true);
        Assert.Equal(Amps.From(2), source.Sample(Origin.AddSeconds(10)).Currents.L1);
        Assert.Equal(Amps.From(1), source.Sample(Origin.AddSeconds(20.1)).Currents.L1);
    }

    [Fact]
    public void Iso_times_are_taken_relative_to_the_first_row()
    {
        var source = ProfileSource.Load(File("2026-01-01T08:00:00Z,1,0,0\n2026-01-01T08:15:00Z,-5,0,0\n"), Origin);
        Assert.Equal(Amps.From(-5), source.Sample(Origin.AddMinutes(15)).Currents.L1);
        Assert.Equal(TimeSpan.FromMinutes(15), source.Length);
    }

    [Fact]
    public void Looped_the_last_row_shows_at_its_own_time_and_the_profile_restarts_right_after()
    {
        // Rows at 0, 100, 200 s: one period is 200 s plus the instant of the last row.
        var source = ProfileSource.Load(File("0,1,1,1\n100,2,2,2\n200,3,3,3\n"), Origin, loop: true);
        Assert.Equal(Amps.From(2), source.Sample(Origin.AddSeconds(199)).Currents.L1);
        Assert.Equal(Amps.From(3), source.Sample(Origin.AddSeconds(200)).Currents.L1);
        Assert.Equal(Amps.From(1), source.Sample(Origin.AddSeconds(200).AddTicks(1)).Currents.L1);
        Assert.Equal(Amps.From(2), source.Sample(Origin.AddSeconds(300).AddTicks(1)).Currents.L1); // 100 s into the second period
    }

    [Fact]
    public void Before_the_origin_the_first_row_holds()
    {
        var source = ProfileSource.Load(File("0,1,1,1\n100,2,2,2\n"), Origin, speed: 5);
        Assert.Equal(Amps.From(1), source.Sample(Origin.AddHours(-1)).Currents.L1);
        Assert.Equal(2, source.Rows);
    }

    [Fact]
    public void Every_row_has_the_voltage_given_or_230_v_nominal()
    {
        var path = File("0,1,1,1\n");
        Assert.Equal([new Volts(230), new Volts(230), new Volts(230)], ProfileSource.Load(path, Origin).Sample(Origin).Voltages);
        Assert.Equal([new Volts(240), new Volts(240), new Volts(240)], ProfileSource.Load(path, Origin, voltage: new Volts(240)).Sample(Origin).Voltages);
    }

    [Fact]
    public void The_digital_input_reads_true_and_false_as_well_as_1_and_0()
    {
        var source = ProfileSource.Load(File("0,1,1,1,true\n10,1,1,1,false\n20,1,1,1,1\n30,1,1,1,0\n"), Origin);
        Assert.Equal([true, false, true, false], new[] { 0, 10, 20, 30 }.Select(t => source.Sample(Origin.AddSeconds(t)).DigitalInput));
    }

    [Fact]
    public void A_time_up_to_1e11_seconds_is_taken_and_a_later_one_is_refused()
    {
        // 1e11 s ≈ 3,170 years: the largest time a profile may name.
        var longest = ProfileSource.Load(File("0,1,1,1\n1e11,2,2,2\n"), Origin);
        Assert.Equal(TimeSpan.FromSeconds(1e11), longest.Length);
        Assert.Equal(Amps.From(2), longest.Sample(Origin.AddSeconds(1e11)).Currents.L1);

        var path = File("0,1,1,1\n100000000001,2,2,2\n");
        var error = Assert.Throws<ScenarioException>(() => ProfileSource.Load(path, Origin));
        Assert.Equal($"{path}:2:1: time '100000000001' is neither seconds (>= 0) nor an ISO-8601 instant", error.Message);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(-1, "-1")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void A_speed_that_is_not_a_positive_finite_number_is_refused_before_the_file_is_read(double speed, string shown)
    {
        var path = File("0,1,1,1\n");
        var error = Assert.Throws<FormatException>(() => ProfileSource.Load(path, Origin, speed));
        Assert.Equal($"{path}: speed must be a positive number, not {shown}", error.Message);
        Assert.Throws<ArgumentNullException>(() => ProfileSource.Load(null!, Origin, speed)); // the path is checked first
    }

    [Theory]
    [InlineData(1.0 / 1024)] // 1024 times slower; powers of 2 keep the instants exact in ticks
    [InlineData(1024)]
    public void A_small_or_a_large_positive_speed_is_taken(double speed)
    {
        // The second row at 128 profile seconds = 128 / speed wall-clock seconds: 131072 s or 0.125 s.
        var source = ProfileSource.Load(File("0,1,1,1\n128,2,2,2\n"), Origin, speed);
        Assert.Equal(Amps.From(2), source.Sample(Origin.AddSeconds(128 / speed)).Currents.L1);
        Assert.Equal(Amps.From(1), source.Sample(Origin.AddSeconds(127 / speed)).Currents.L1);
    }

    [Theory]
    // "0,1,2": the missing 4th cell would start after "0,1,2" (5 characters).
    [InlineData("0,1,2\n", ":1:6: expected the columns time,I1,I2,I3[,DI], found 3")]
    [InlineData("0,1,2,3\n0,1,2,3\n", ":2:1: time 0 is not after the previous row")]
    [InlineData("x,1,2,3\n0,1,2,3\nsoon,1,2,3\n", ":3:1: time 'soon' is neither seconds")]
    // "0,1,2,NaN": I3 after "0,1,2," (6 characters).
    [InlineData("0,1,2,NaN\n", ":1:7: I3 must be a number from -100000 to 100000, not 'NaN'")]
    // "0,x,2,3": I1 after "0," (2 characters).
    [InlineData("0,x,2,3\n", ":1:3: I1 must be a number from -100000 to 100000, not 'x'")]
    [InlineData("0,1,2,3,yes\n", ":1:9: DI 'yes' must be 0 or 1")]
    [InlineData("# nothing\n", ":1:1: no rows")]
    public void Bad_lines_are_reported_with_file_line_and_column(string text, string expected)
    {
        var path = File(text);
        var error = Assert.Throws<ScenarioException>(() => ProfileSource.Load(path, Origin));
        Assert.StartsWith(path + expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_of_day_without_a_date_is_not_an_iso_instant()
    {
        // Read leniently, "07:00" was 07:00 on the day the tool ran.
        var path = File("07:00,1,2,3\n");
        var error = Assert.Throws<ScenarioException>(() => ProfileSource.Load(path, Origin));
        Assert.Equal($"{path}:1:1: time '07:00' is neither seconds (>= 0) nor an ISO-8601 instant", error.Message);
    }

    [Fact]
    public void A_bad_row_is_left_out_so_the_rows_after_it_are_compared_with_the_last_good_one()
    {
        // Row 2 (time 5) is bad; row 3 at time 3 is after row 1 (time 0), so row 2's time must not count.
        var path = File("0,1,1,1\n5,1,1,x\n3,1,2,3\n");
        var error = Assert.Throws<ScenarioException>(() => ProfileSource.Load(path, Origin));
        Assert.Equal($"{path}:2:7: I3 must be a number from -100000 to 100000, not 'x'", error.Message);
    }

    [Fact]
    public void A_row_out_of_order_is_left_out_so_the_next_is_compared_with_the_last_row_in_order()
    {
        // 0, 10, 5, 7: 5 is not after 10; 7 is after 5 but not after 10, the last row taken.
        var path = File("0,1,1,1\n10,1,1,1\n5,1,1,1\n7,1,1,1\n");
        var error = Assert.Throws<ScenarioException>(() => ProfileSource.Load(path, Origin));
        Assert.Equal([$"{path}:3:1: time 5 is not after the previous row", $"{path}:4:1: time 7 is not after the previous row"], error.Message.Split('\n'));
    }

    [Fact]
    public void Every_bad_row_is_reported_in_one_go()
    {
        var path = File("time,I1,I2,I3\n0,1,1,x\n10,1,2,3\n10,1,2,3\n20,2,two,2\n");
        var error = Assert.Throws<ScenarioException>(() => ProfileSource.Load(path, Origin));
        Assert.Equal(
            [
                // "0,1,1,x": I3 after "0,1,1," (6 characters), though "1" also stands earlier in the row.
                $"{path}:2:7: I3 must be a number from -100000 to 100000, not 'x'",
                $"{path}:4:1: time 10 is not after the previous row",
                // "20,2,two,2": I2 after "20,2," (5 characters).
                $"{path}:5:6: I2 must be a number from -100000 to 100000, not 'two'",
            ],
            error.Message.Split('\n'));
    }
}
