using Amtron.Dlm.Units;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>What is given as a scenario file but is not one (a directory, an endless device, bytes that are not UTF-8), and a byte order mark, which is allowed.</summary>
public sealed class ScenarioFileTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-file-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void A_directory_is_not_a_scenario_file()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(_work));
        Assert.Equal($"{_work}:1:1: is a directory, not a scenario file", error.Message);
    }

    [Fact]
    public void An_endless_device_is_refused_at_the_size_limit()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("/dev/zero"));
        Assert.Equal("/dev/zero:1:1: the file is larger than 16 MB, the most a scenario may be", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_error_not_replaced()
    {
        var path = Path.Combine(_work, "latin1.yaml");
        File.WriteAllBytes(path, [.. "name: M"u8, 0xFC, .. "nchen\n"u8]);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Equal($"{path}:1:1: not UTF-8 text (byte 8 is invalid)", error.Message);
    }

    [Fact]
    public void A_utf8_byte_order_mark_before_a_bundled_scenario_is_skipped()
    {
        // Editors on Windows write EF BB BF first; it was read as part of the first key ("unknown key '\uFEFF...'").
        var bundled = Path.Combine(AppContext.BaseDirectory, "scenarios", "6.1-car-park.yaml");
        var path = Path.Combine(_work, "bom.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(bundled)]);

        var scenario = ScenarioLoader.Load(path);

        Assert.Equal("6.1 Car park with several charging points", scenario.Name);
        Assert.Equal(5, scenario.Site.Vehicles.Count);
        // The text without its mark is the bundled file's, so summary.json names the same scenario.
        Assert.Equal(ScenarioLoader.Load(bundled).Sha256, scenario.Sha256);
        Assert.Equal(scenario.Site.Start, ScenarioLoader.LoadPlan(path).Site.Start);
    }

    [Fact]
    public void A_utf8_byte_order_mark_before_a_csv_header_is_skipped()
    {
        File.WriteAllBytes(Path.Combine(_work, "sessions.csv"), [0xEF, 0xBB, 0xBF, .. "arrival,departure,kWh,maxA,phases,chargePoint\n1h,4h,10,16,3,CP1\n"u8]);
        File.WriteAllBytes(Path.Combine(_work, "load.csv"), [0xEF, 0xBB, 0xBF, .. "time,I1,I2,I3\n0s,1,2,3\n"u8]);
        var path = Write("csv.yaml", ScenarioDiagnosticsTests.Site("vehicles: {csv: sessions.csv}\nexternalLoads: [{name: house, csv: load.csv}]"));

        var site = ScenarioLoader.Load(path).Site;

        Assert.Equal(10, Assert.Single(site.Vehicles).EnergyWantedKWh);
        Assert.Equal(PhaseCurrents.FromWholeAmps(1, 2, 3), site.ExternalLoadAt(site.Start));
    }

    [Fact]
    public void Nesting_far_deeper_than_any_scenario_is_refused_before_the_yaml_library_sees_it()
    {
        // 100,000 nested brackets overflowed the YAML library's stack and ended the process without a message.
        var flow = Write("flow.yaml", "name: " + new string('[', 100_000));
        Assert.Equal($"{flow}:1:107: nested deeper than 100 levels; a scenario needs only a few", Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(flow)).Message);

        var dashes = Write("dashes.yaml", "name: x\nnetworks:\n  " + string.Concat(Enumerable.Repeat("- ", 101)) + "x\n");
        Assert.Equal($"{dashes}:3:203: nested deeper than 100 levels; a scenario needs only a few", Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(dashes)).Message);
    }

    [Fact]
    public void Brackets_in_quotes_comments_and_words_are_not_nesting()
    {
        var brackets = new string('[', 150);
        var path = Write("text.yaml", $"name: \"{brackets}\"\ndescription: it's '{brackets}' # {brackets}\n");
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.DoesNotContain("nested deeper", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, text);
        return path;
    }
}
