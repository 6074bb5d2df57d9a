using static Amtron.Cli.Tests.Allocate.AllocateHarness;

namespace Amtron.Cli.Tests.Allocate;

/// <summary>Bad lines: one error object each, naming the line, the field and what is wrong; the rest still answered.</summary>
public sealed class AllocateErrorTests
{
    [Theory]
    [InlineData("not json", "line 1: $: invalid JSON")]
    [InlineData("[1,2]", "line 1: $: must be an object")]
    [InlineData("{\"chargePoints\":[]}", "line 1: settings: is required")]
    [InlineData("{\"settings\":{},\"chargePoints\":[]}", "line 1: settings.evseSubDistributionLimit: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100]},\"chargePoints\":[]}", "line 1: settings.evseSubDistributionLimit: must have 3 values [L1, L2, L3], not 2")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,-1,100]},\"chargePoints\":[]}", "line 1: settings.evseSubDistributionLimit[1]: must be between 0 and")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,10.5]},\"chargePoints\":[]}", "line 1: settings.evseSubDistributionLimit[2]: must be a whole number")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,\"100\",100]},\"chargePoints\":[]}", "line 1: settings.evseSubDistributionLimit[1]: must be a number")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"operatorLimit\":[1,1,1]},\"chargePoints\":[]}", "line 1: settings.operatorLimit: unknown field")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"currentImbalancePrevention\":\"yes\"},\"chargePoints\":[]}", "line 1: settings.currentImbalancePrevention: must be true or false")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"externalMeter\":{\"location\":\"outside\",\"mainDistributionLimit\":[63,63,63]}},\"chargePoints\":[]}", "line 1: settings.externalMeter.location: must be \"excluding\" or \"including\"")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"externalMeter\":{\"location\":\"excluding\"}},\"chargePoints\":[]}", "line 1: settings.externalMeter.mainDistributionLimit: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"maximumCurrentScheduler\":[{\"hour\":24,\"limit\":[6,6,6]}]},\"timeUtc\":\"2026-01-01T00:00:00Z\",\"chargePoints\":[]}", "line 1: settings.maximumCurrentScheduler[0].hour: must be between 0 and 23")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"maximumCurrentScheduler\":[{\"hour\":3,\"limit\":[6,6,6]},{\"hour\":3,\"limit\":[8,8,8]}]},\"timeUtc\":\"2026-01-01T00:00:00Z\",\"chargePoints\":[]}", "line 1: settings.maximumCurrentScheduler[1].hour: hour 3 appears twice")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"maximumCurrentScheduler\":[{\"hour\":3,\"limit\":[6,6,6]}]},\"chargePoints\":[]}", "line 1: timeUtc: is required when maximumCurrentScheduler is set")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"timeUtc\":\"yesterday\",\"chargePoints\":[]}", "line 1: timeUtc: must be an ISO 8601 time")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"meter\":{\"currents\":[1,2]},\"chargePoints\":[]}", "line 1: meter.currents: must have 3 values [L1, L2, L3], not 2")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"meter\":{\"failed\":false},\"chargePoints\":[]}", "line 1: meter.currents: is required unless")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":{}}", "line 1: chargePoints: must be an array")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"installationCurrentLimit\":32,\"phases\":[\"L1\"]}]}", "line 1: chargePoints[0].id: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"phases\":[\"L1\"]}]}", "line 1: chargePoints[0].installationCurrentLimit: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[]}]}", "line 1: chargePoints[0].phases: must have 1 to 3 phases, not 0")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"L1\",\"L1\"]}]}", "line 1: chargePoints[0].phases[1]: names a phase twice")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"L4\"]}]}", "line 1: chargePoints[0].phases[0]: must be \"L1\", \"L2\" or \"L3\"")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"L1\"],\"maxCurrent\":-3}]}", "line 1: chargePoints[0].maxCurrent: must be between 0 and")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"L1\"]},{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"L2\"]}]}", "line 1: chargePoints[1].id: \"a\" is used by an earlier charge point")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"L1\"],\"colour\":\"red\"}]}", "line 1: chargePoints[0].colour: unknown field")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"externalMeter\":{\"location\":\"excluding\",\"mainDistributionLimit\":[63,-1,63]}},\"chargePoints\":[]}", "line 1: settings.externalMeter.mainDistributionLimit[1]: must be between 0 and")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"maximumCurrentScheduler\":[{\"hour\":1,\"limit\":[6,6,6.5]}]},\"timeUtc\":\"2026-01-01T00:00:00Z\",\"chargePoints\":[]}", "line 1: settings.maximumCurrentScheduler[0].limit[2]: must be a whole number")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[\"L1\"],\"measuredCurrents\":[0,-2,0]}]}", "line 1: chargePoints[0].measuredCurrents[1]: must be between 0 and")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32,\"phases\":[1]}]}", "line 1: chargePoints[0].phases[0]: must be \"L1\", \"L2\" or \"L3\", not the number 1")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":32}]}", "line 1: chargePoints[0].phases: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[],\"extra\":1}", "line 1: extra: unknown field")]
    [InlineData("{\"settings\":5}", "line 1: settings: must be an object")]
    [InlineData("{\"settings\":null}", "line 1: settings: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":null}}", "line 1: settings.evseSubDistributionLimit: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"evseSubDistributionLimit\":[50,50,50]}}", "line 1: settings.evseSubDistributionLimit: appears twice")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":10000}}", "line 1: settings.evseSubDistributionLimit: must be between 0 and 9999, not 10000")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":\"100\"}}", "line 1: settings.evseSubDistributionLimit: must be a number or an array [L1, L2, L3], not the string \"100\"")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"operatorEvseSubDistributionLimit\":[100,120,100]}}", "line 1: settings.operatorEvseSubDistributionLimit[1]: the Operator limit on L2 (120 A) is above the EVSE Sub-Distribution Limit (100 A)")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"maximumCurrentScheduler\":[]},\"timeUtc\":\"2026-01-01T00:00:00Z\"}", "line 1: settings.maximumCurrentScheduler: needs at least one entry")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"externalMeter\":{\"location\":\"Excluding\",\"mainDistributionLimit\":63}}}", "line 1: settings.externalMeter.location: must be \"excluding\" or \"including\", not \"Excluding\"")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,1e400,100]}}", "line 1: settings.evseSubDistributionLimit[1]: is too large a number: 1e400")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":10000,\"phases\":[\"L1\"]}]}", "line 1: chargePoints[0].installationCurrentLimit: must be between 0 and 9999, not 10000")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":null,\"installationCurrentLimit\":32,\"phases\":[\"L1\"]}]}", "line 1: chargePoints[0].id: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[{\"id\":\"a\",\"installationCurrentLimit\":null,\"phases\":[\"L1\"]}]}", "line 1: chargePoints[0].installationCurrentLimit: is required")]
    [InlineData("{\"settings\":{\"evseSubDistributionLimit\":[100,100,100]},\"chargePoints\":[null]}", "line 1: chargePoints[0]: must be an object, not null")]
    [InlineData("null", "line 1: $: must be an object, not null")]
    public void A_bad_line_gets_one_located_error(string line, string expectedStart)
    {
        var error = Error(line);
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_of_day_without_a_date_is_not_a_time_utc()
    {
        // Read leniently, "07:00" was 07:00 on the day the tool ran: the answer depended on the machine's clock.
        var error = Error($"{{{AllocateHarness.Settings100},\"timeUtc\":\"07:00\",\"chargePoints\":[]}}");
        Assert.Equal("line 1: timeUtc: must be an ISO 8601 time such as 2026-06-01T16:30:00Z, not \"07:00\"", error);
    }

    [Fact]
    public void Good_lines_around_a_bad_one_are_still_answered_in_order()
    {
        var good = $"{{{AllocateHarness.Settings100},\"chargePoints\":[]}}";
        var (exit, responses, _) = RunAllocate(good, "{", good);
        Assert.Equal(1, exit);
        Assert.Equal(3, responses.Length);
        Assert.True(responses[0].TryGetProperty("availableCurrent", out _));
        Assert.StartsWith("line 2: $: invalid JSON", responses[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(responses[2].TryGetProperty("availableCurrent", out _));
    }

    [Fact]
    public void Line_numbers_count_blank_lines_too()
    {
        var (_, responses, _) = RunAllocate(string.Empty, "  ", "oops");
        Assert.StartsWith("line 3:", responses.Single().GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
