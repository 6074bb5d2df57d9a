using System.Text.RegularExpressions;
using Amtron.Dlm.Units;
using Amtron.VirtualMeter.Sources;

namespace Amtron.Cli.Tests.Meter.Record;

/// <summary>`amtron meter read --csv` as a process: the options as parsed, and Ctrl+C ending a recording cleanly.</summary>
public sealed partial class MeterRecordProcessTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-meter-record-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string Csv => Path.Combine(_work, "profile.csv");

    [Theory]
    [InlineData("--every", "1s", "amtron meter read: --every and --duration need --csv (a recording); without it, one reading is printed")]
    [InlineData("--duration", "1h", "amtron meter read: --every and --duration need --csv (a recording); without it, one reading is printed")]
    public async Task Recording_options_without_csv_are_one_line_and_exit_2(string option, string value, string expected)
    {
        using var amtron = AmtronProcess.Start("meter", "read", "127.0.0.1:1", option, value);
        Assert.Equal(2, await amtron.ExitAsync(Guard));
        Assert.Equal(expected, amtron.Error.Trim());
    }

    [Fact]
    public async Task A_bad_every_is_one_line_and_exit_2_without_a_file()
    {
        using var amtron = AmtronProcess.Start("meter", "read", "127.0.0.1:1", "--csv", Csv, "--every", "0s", "--duration", "1h");
        Assert.Equal(2, await amtron.ExitAsync(Guard));
        Assert.Equal("amtron meter read: --every must be a positive duration such as 1s, 500ms or 1m, not '0s'", amtron.Error.Trim());
        Assert.False(File.Exists(Csv));
    }

    [Fact]
    public async Task Ctrl_c_ends_a_recording_with_every_row_whole_and_exit_0()
    {
        using var meter = AmtronProcess.Start("meter", "serve", "--port", "0", "--currents", "1,2,3");
        Assert.True(await meter.WaitForAsync(p => Banner().IsMatch(p.Output), Guard), meter.Error);
        var port = Banner().Match(meter.Output).Groups[1].Value;
        using var recorder = AmtronProcess.Start("meter", "read", $"127.0.0.1:{port}", "--csv", Csv, "--every", "200ms");
        // Three rows after the header and comment: five lines.
        Assert.True(await recorder.WaitForAsync(_ => File.Exists(Csv) && File.ReadAllLines(Csv).Length >= 5, Guard), recorder.Error);
        await recorder.SignalAsync("INT");

        // On a loaded machine a poll may run past the next sample's instant (that sample is skipped, exit 1); no poll fails.
        var exit = await recorder.ExitAsync(Guard);
        Assert.Matches(@"^(|amtron meter read: \d+ of \d+ samples have no row: 0 polls failed, \d+ skipped while a poll ran late)$", recorder.Error.Trim());
        Assert.Equal(recorder.Error.Length == 0 ? 0 : 1, exit);
        var profile = ProfileSource.Load(Csv, DateTimeOffset.UnixEpoch);
        Assert.Matches($"recorded {profile.Rows} rows into ", recorder.Output);
        Assert.Equal(PhaseCurrents.FromDoubles(1, 2, 3), profile.Sample(DateTimeOffset.UnixEpoch).Currents);
        Assert.All(File.ReadAllLines(Csv)[2..], row => Assert.EndsWith(",1,2,3", row, StringComparison.Ordinal));
        await meter.SignalAsync("INT");
        Assert.Equal(0, await meter.ExitAsync(Guard));
    }

    [GeneratedRegex(@"virtual PAC2200 on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Banner();
}
