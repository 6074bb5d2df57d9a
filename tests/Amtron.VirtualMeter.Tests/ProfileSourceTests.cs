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

    [Theory]
    // "0,1,2": the missing 4th cell would start after "0,1,2" (5 characters).
    [InlineData("0,1,2\n", ":1:6: expected the columns time,I1,I2,I3[,DI], found 3")]
    [InlineData("0,1,2,3\n0,1,2,3\n", ":2:1: time 0 is not after the previous row")]
    [InlineData("x,1,2,3\n0,1,2,3\nsoon,1,2,3\n", ":3:1: time 'soon' is neither seconds")]
    // "0,1,2,NaN": I3 after "0,1,2," (6 characters).
    [InlineData("0,1,2,NaN\n", ":1:7: I3 must be a number from -100000 to 100000, not 'NaN'")]
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
