using Amtron.Site.Sweeps;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Tests.Sweeps;

/// <summary>One text per value: what a sweep's parameter is called in plan.json, seeds and hashes.</summary>
public sealed class CanonicalYamlTests
{
    [Theory]
    [InlineData("80", "80")]
    [InlineData("'80'", "80")]
    [InlineData("-5.5", "-5.5")]
    [InlineData("roundRobin", "roundRobin")]
    [InlineData("[ 63 ,80,  100 ]", "[63, 80, 100]")]
    [InlineData("{location: excluding,  mainDistributionLimit: 63}", "{location: excluding, mainDistributionLimit: 63}")]
    [InlineData("2026-06-01T07:00:00Z", "\"2026-06-01T07:00:00Z\"")]
    [InlineData("\"a \\\"b\\\"\\n\"", "\"a \\\"b\\\"\\n\"")]
    [InlineData("~", "null")]
    [InlineData("'null'", "\"null\"")]
    [InlineData("''", "\"\"")]
    public void A_value_has_one_text_that_reads_back_the_same(string written, string canonical)
    {
        var text = CanonicalYaml.Of(Parse(written));

        Assert.Equal(canonical, text);
        // Read back, it is the same value (and so the same text again).
        Assert.Equal(canonical, CanonicalYaml.Of(Parse(text)));
    }

    [Theory]
    [InlineData("80", 80.0)]
    [InlineData("-2.5", -2.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("fifo", null)]
    [InlineData("[63, 80]", null)]
    [InlineData("\"80\"", null)]
    public void A_plain_number_is_a_number(string canonical, double? number) => Assert.Equal(number, CanonicalYaml.Number(canonical));

    private static YamlNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("v: " + text));
        return ((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("v")];
    }
}
