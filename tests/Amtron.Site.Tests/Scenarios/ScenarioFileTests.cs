using System.Text;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

/// <summary>What is given as a scenario file but is not one: a directory, an endless device, bytes that are not UTF-8.</summary>
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
    public void A_utf8_byte_order_mark_is_allowed()
    {
        var path = Path.Combine(_work, "bom.yaml");
        File.WriteAllText(path, "name: [\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }
}
