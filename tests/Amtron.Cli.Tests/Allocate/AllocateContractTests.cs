using static Amtron.Cli.Tests.Allocate.AllocateHarness;

namespace Amtron.Cli.Tests.Allocate;

/// <summary>The `amtron allocate` JSON contract of issue 2, field by field.</summary>
public sealed class AllocateContractTests
{
    private const string ContractExample =
        """{"settings": {"evseSubDistributionLimit":[100,100,100], "operatorEvseSubDistributionLimit":[100,100,100], "currentImbalancePrevention":true, "currentImbalanceLimit":20, "externalMeter": {"location":"excluding", "mainDistributionLimit":[63,63,63], "externalLoadHeadroom":[0,0,0], "externalLoadFallback":[9999,9999,9999]}, "maximumCurrentScheduler":[{"hour":0,"limit":[32,32,32]},{"hour":7,"limit":[16,16,16]}], "meterDigitalInputCurrentOffset":[10,10,10]}, "timeUtc":"2026-06-01T16:30:00Z", "meter": {"currents":[12.5,3.0,4.2]}, "digitalInputActive": false, "chargePoints":[{"id":"CP1","installationCurrentLimit":32,"phases":["L1","L2","L3"],"requesting":true, "maxCurrent":32,"measuredCurrents":[0,0,0]}]}""";

    [Fact]
    public void The_issue_example_is_answered()
    {
        var response = Single(ContractExample);
        Assert.Equal([16, 16, 16], Ints(response.GetProperty("availableCurrent")));
        Assert.Equal([16], Currents(response));
        Assert.Equal("CP1", response.GetProperty("allocations")[0].GetProperty("id").GetString());
        Assert.Equal("maximumCurrentScheduler", response.GetProperty("availableLimitedBy")[0].GetString());
        Assert.Equal(12.5, response.GetProperty("externalLoad")[0].GetDouble());
    }

    [Fact]
    public void Main_distribution_minus_external_load_binds_in_the_morning()
    {
        var response = Single(ContractExample.Replace("16:30", "03:00", StringComparison.Ordinal));
        Assert.Equal([32, 32, 32], Ints(response.GetProperty("availableCurrent")));
        var evening = Single(ContractExample.Replace("16:30", "03:00", StringComparison.Ordinal).Replace("[12.5,3.0,4.2]", "[40.5,33,35]", StringComparison.Ordinal));
        Assert.Equal([22, 30, 28], Ints(evening.GetProperty("availableCurrent")));
        Assert.Equal([22], Currents(evening));
    }

    [Fact]
    public void Digital_input_lowers_the_operator_limit_by_the_offset()
    {
        var response = Single($"{{\"settings\":{{\"evseSubDistributionLimit\":[100,100,100],\"meterDigitalInputCurrentOffset\":[10,20,30]}},\"digitalInputActive\":true,\"chargePoints\":[]}}");
        Assert.Equal([90, 80, 70], Ints(response.GetProperty("availableCurrent")));
    }

    [Fact]
    public void Absent_meter_reading_with_a_meter_configured_means_failed()
    {
        var settings = "\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"externalMeter\":{\"location\":\"including\",\"mainDistributionLimit\":[63,63,63],\"externalLoadFallback\":[20,30,40]}}";
        var absent = Single($"{{{settings},\"chargePoints\":[{Cp("CP1")}]}}");
        var failed = Single($"{{{settings},\"meter\":{{\"failed\":true}},\"chargePoints\":[{Cp("CP1")}]}}");
        Assert.Equal([43, 33, 23], Ints(absent.GetProperty("availableCurrent")));
        Assert.Equal("failed", absent.GetProperty("meterStatus").GetString());
        Assert.Equal(absent.ToString(), failed.ToString());
        Assert.Equal([23], Currents(absent));
    }

    [Fact]
    public void Including_meter_subtracts_measured_currents()
    {
        var settings = "\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"externalMeter\":{\"location\":\"including\",\"mainDistributionLimit\":[63,63,63]}}";
        var cps = $"{Cp("CP1", extra: ",\"measuredCurrents\":[16,16,16]")},{Cp("CP2", "\"L2\"", extra: ",\"measuredCurrents\":[0,10,0]")}";
        var response = Single($"{{{settings},\"meter\":{{\"currents\":[50,60,40]}},\"chargePoints\":[{cps}]}}");
        Assert.Equal([29, 29, 39], Ints(response.GetProperty("availableCurrent")));
        Assert.Equal([34, 34, 24], response.GetProperty("externalLoad").EnumerateArray().Select(e => e.GetDouble()).ToArray());
    }

    [Fact]
    public void Operator_limit_defaults_to_the_sub_distribution_limit()
    {
        var response = Single($"{{\"settings\":{{\"evseSubDistributionLimit\":[40,50,60]}},\"chargePoints\":[]}}");
        Assert.Equal([40, 50, 60], Ints(response.GetProperty("availableCurrent")));
    }

    [Fact]
    public void Every_charge_point_appears_once_in_order_requesting_or_not()
    {
        var cps = $"{Cp("A")},{Cp("B", extra: ",\"requesting\":false")},{Cp("C", "\"L2\"", extra: ",\"maxCurrent\":13.7")}";
        var response = Single($"{{{Settings100},\"chargePoints\":[{cps}]}}");
        var ids = response.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["A", "B", "C"], ids);
        Assert.Equal([32, 0, 13], Currents(response));
        Assert.Equal("notRequesting", response.GetProperty("allocations")[1].GetProperty("limitedBy").GetString());
    }

    [Fact]
    public void Car_park_shares_equally_in_whole_amps()
    {
        var cps = string.Join(',', Enumerable.Range(1, 3).Select(i => Cp($"CP{i}", installation: 40)));
        var response = Single($"{{{Settings100},\"chargePoints\":[{cps}]}}");
        Assert.Equal([34, 33, 33], Currents(response));
        Assert.Equal([100, 100, 100], Ints(response.GetProperty("phaseLoad")));
    }

    [Fact]
    public void One_line_per_request_in_order_and_blank_lines_are_skipped()
    {
        var (exit, responses, lines) = RunAllocate(
            $"{{\"settings\":{{\"evseSubDistributionLimit\":[10,10,10]}},\"chargePoints\":[]}}",
            string.Empty,
            $"{{\"settings\":{{\"evseSubDistributionLimit\":[20,20,20]}},\"chargePoints\":[]}}");
        Assert.Equal(0, exit);
        Assert.Equal(2, lines.Length);
        Assert.Equal([10, 10, 10], Ints(responses[0].GetProperty("availableCurrent")));
        Assert.Equal([20, 20, 20], Ints(responses[1].GetProperty("availableCurrent")));
        Assert.All(lines, l => Assert.DoesNotContain('\n', l));
    }

    [Fact]
    public void Time_with_an_offset_is_converted_to_utc_for_the_scheduler()
    {
        var settings = "\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"maximumCurrentScheduler\":[{\"hour\":7,\"limit\":[16,16,16]},{\"hour\":0,\"limit\":[32,32,32]}]}";
        var response = Single($"{{{settings},\"timeUtc\":\"2026-06-01T08:30:00+02:00\",\"chargePoints\":[]}}");
        Assert.Equal([32, 32, 32], Ints(response.GetProperty("availableCurrent")));
    }

    [Fact]
    public void Imbalance_is_explained()
    {
        var settings = "\"settings\":{\"evseSubDistributionLimit\":[100,100,100],\"currentImbalancePrevention\":true,\"currentImbalanceLimit\":20}";
        var response = Single($"{{{settings},\"chargePoints\":[{Cp("CP1", "\"L1\"")}]}}");
        Assert.Equal([20], Currents(response));
        Assert.Equal("imbalance", response.GetProperty("allocations")[0].GetProperty("limitedBy").GetString());
        Assert.Equal(20, response.GetProperty("imbalanceAllowed").GetDouble());
    }

    [Fact]
    public void Null_counts_as_absent()
    {
        var response = Single($"{{\"settings\":{{\"evseSubDistributionLimit\":[40,50,60],\"operatorEvseSubDistributionLimit\":null}},\"meter\":null,\"chargePoints\":[]}}");
        Assert.Equal([40, 50, 60], Ints(response.GetProperty("availableCurrent")));
    }

    [Fact]
    public void One_number_means_the_same_on_every_phase()
    {
        // Settings and measurements alike: 63 = [63, 63, 63]; external load 10 A per phase leaves 63 - 10 = 53 A.
        var settings = "\"settings\":{\"evseSubDistributionLimit\":100,\"externalMeter\":{\"location\":\"excluding\",\"mainDistributionLimit\":63}}";
        var response = Single($"{{{settings},\"meter\":{{\"currents\":10}},\"chargePoints\":[]}}");
        Assert.Equal([53, 53, 53], Ints(response.GetProperty("availableCurrent")));
    }

    [Fact]
    public void A_request_without_charge_points_answers_the_available_current()
    {
        var response = Single("{\"settings\":{\"evseSubDistributionLimit\":[63,63,63]}}");
        Assert.Equal([63, 63, 63], Ints(response.GetProperty("availableCurrent")));
        Assert.Equal(0, response.GetProperty("allocations").GetArrayLength());
    }
}
