using System.Text.Json;
using Amtron.Cli.Allocate;
using static Amtron.Cli.Tests.Allocate.AllocateHarness;

namespace Amtron.Cli.Tests.Allocate;

/// <summary>
/// An escaped lone surrogate ("\ud800") has no text: in a value of another kind, or in a field's name, it is worded
/// for the request's author and never as a .NET type name (the serializer's "could not be converted to System...").
/// </summary>
public sealed class AllocateUnicodeTests
{
    private const string S = "\"settings\":{\"evseSubDistributionLimit\":100}";

    [Theory]
    [InlineData($"{{{S},\"digitalInputActive\":\"\\ud800\"}}", "digitalInputActive: must be true or false, not the string \"\\ud800\"")]
    [InlineData($"{{{S},\"meter\":{{\"failed\":\"\\ud800\"}}}}", "meter.failed: must be true or false, not the string \"\\ud800\"")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":\"\\ud800\"}}", "settings.evseSubDistributionLimit: must be a number or an array [L1, L2, L3], not the string \"\\ud800\"")]
    [InlineData($"{{{S},\"meter\":{{\"currents\":\"\\ud800\"}}}}", "meter.currents: must be a number or an array [L1, L2, L3], not the string \"\\ud800\"")]
    [InlineData($"{{{S},\"meter\":{{\"currents\":[1,\"\\ud800\",3]}}}}", "meter.currents[1]: must be a number, not the string \"\\ud800\"")]
    [InlineData($"{{{S},\"chargePoints\":[{{\"id\":\"a\",\"installationCurrentLimit\":\"\\ud800\",\"phases\":[\"L1\"]}}]}}", "chargePoints[0].installationCurrentLimit: must be a number, not the string \"\\ud800\"")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":100,\"maximumCurrentScheduler\":[{\"hour\":\"\\ud800\",\"limit\":6}]}}", "settings.maximumCurrentScheduler[0].hour: must be a number, not the string \"\\ud800\"")]
    [InlineData($"{{{S},\"chargePoints\":[{{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"\\udfff\"]}}]}}", "chargePoints[0].phases[0]: must be \"L1\", \"L2\" or \"L3\", not the string \"\\udfff\"")]
    [InlineData($"{{{S},\"chargePoints\":[{{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":\"\\udfff\"}}]}}", "chargePoints[0].phases: must be an array of 1 to 3 phases such as [\"L1\", \"L2\", \"L3\"], not the string \"\\udfff\"")]
    [InlineData("{\"\\ud800\":1}", "$: has a field name that is not valid Unicode text (no lone surrogate such as \\ud800)")]
    [InlineData("{\"settings\":{\"\\ud800\":1}}", "settings: has a field name that is not valid Unicode text (no lone surrogate such as \\ud800)")]
    [InlineData($"{{{S},\"chargePoints\":[{{\"\\udc00\":1}}]}}", "chargePoints[0]: has a field name that is not valid Unicode text (no lone surrogate such as \\ud800)")]
    public void A_lone_surrogate_is_worded_by_what_the_field_takes(string line, string expected)
    {
        var (exit, responses, _) = RunAllocate(line, $"{{{S}}}");
        Assert.Equal(1, exit);
        Assert.Equal($"line 1: {expected}", responses[0].GetProperty("error").GetString());
        Assert.True(responses[1].TryGetProperty("availableCurrent", out _));
    }

    [Theory]
    [InlineData("$.digitalInputActive", "System.Nullable`1[System.Boolean]", "digitalInputActive: must be true or false")]
    [InlineData("$.chargePoints[0].phases", "System.Nullable`1[Amtron.Dlm.Units.PhaseSet]", "chargePoints[0].phases: must be an array of 1 to 3 phases such as [\"L1\", \"L2\", \"L3\"]")]
    [InlineData("$.meter", "Amtron.Cli.Allocate.MeterJson", "meter: must be an object")]
    [InlineData("$.nowhere", "System.Int32", "nowhere: is not a value this field takes")]
    public void The_serializers_conversion_error_is_worded_by_the_target_type_never_named(string path, string type, string expected)
    {
        var exception = new JsonException($"The JSON value could not be converted to {type}. Path: {path} | LineNumber: 0 | BytePositionInLine: 5.", path, 0, 5);
        var error = JsonErrors.Describe(exception, AllocateJsonContext.Default.AllocateRequestJson);
        Assert.Equal(expected, $"{error.Path}: {error.Message}");
    }
}
