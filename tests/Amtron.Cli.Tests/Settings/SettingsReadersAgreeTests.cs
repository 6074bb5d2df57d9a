using static Amtron.Cli.Tests.Settings.BothSettingsReaders;

namespace Amtron.Cli.Tests.Settings;

/// <summary>
/// Each decided case of docs/allocate.md "Settings rules", in both readers: the same settings text (JSON is YAML's
/// flow style) means the same thing, with the same outcome and the same wording after the location.
/// </summary>
public sealed class SettingsReadersAgreeTests
{
    [Theory]
    [InlineData("""{"evseSubDistributionLimit":[40,50,60]}""", "ok: sub [40 A, 50 A, 60 A]; operator [40 A, 50 A, 60 A]; prevention False; imbalance 20 A; meter off; scheduler off; offset [0 A, 0 A, 0 A]")]
    [InlineData("""{"evseSubDistributionLimit":63}""", "ok: sub [63 A, 63 A, 63 A]; operator [63 A, 63 A, 63 A]; prevention False; imbalance 20 A; meter off; scheduler off; offset [0 A, 0 A, 0 A]")]
    [InlineData("""{"evseSubDistributionLimit":[63,63,63],"operatorEvseSubDistributionLimit":null,"externalMeter":null}""", "ok: sub [63 A, 63 A, 63 A]; operator [63 A, 63 A, 63 A]; prevention False; imbalance 20 A; meter off; scheduler off; offset [0 A, 0 A, 0 A]")]
    [InlineData("""{"evseSubDistributionLimit":[0,9999,0],"currentImbalanceLimit":0}""", "ok: sub [0 A, 9999 A, 0 A]; operator [0 A, 9999 A, 0 A]; prevention False; imbalance 0 A; meter off; scheduler off; offset [0 A, 0 A, 0 A]")]
    [InlineData(
        """{"evseSubDistributionLimit":100,"operatorEvseSubDistributionLimit":[80,100,90],"currentImbalancePrevention":true,"currentImbalanceLimit":16,"externalMeter":{"location":"including","mainDistributionLimit":63,"externalLoadHeadroom":[1,2,3]},"maximumCurrentScheduler":[{"hour":16,"limit":6},{"hour":0,"limit":[32,32,16]}],"meterDigitalInputCurrentOffset":10}""",
        "ok: sub [100 A, 100 A, 100 A]; operator [80 A, 100 A, 90 A]; prevention True; imbalance 16 A; meter IncludingEvseSubDistribution [63 A, 63 A, 63 A] [1 A, 2 A, 3 A] [9999 A, 9999 A, 9999 A]; scheduler 0h [32 A, 32 A, 16 A] 16h [6 A, 6 A, 6 A]; offset [10 A, 10 A, 10 A]")]
    [InlineData("""{"currentImbalancePrevention":true}""", "error: settings.evseSubDistributionLimit: is required")]
    [InlineData("""{"evseSubDistributionLimit":null}""", "error: settings.evseSubDistributionLimit: is required")]
    [InlineData("""{"evseSubDistributionLimit":[63,63,10.5]}""", "error: settings.evseSubDistributionLimit[2]: must be a whole number, not 10.5")]
    [InlineData("""{"evseSubDistributionLimit":[63,-1,63]}""", "error: settings.evseSubDistributionLimit[1]: must be between 0 and 9999, not -1")]
    [InlineData("""{"evseSubDistributionLimit":10000}""", "error: settings.evseSubDistributionLimit: must be between 0 and 9999, not 10000")]
    [InlineData("""{"evseSubDistributionLimit":[63,63]}""", "error: settings.evseSubDistributionLimit: must have 3 values [L1, L2, L3], not 2")]
    [InlineData("""{"evseSubDistributionLimit":63,"operatorEvseSubDistributionLimit":[63,64,63]}""", "error: settings.operatorEvseSubDistributionLimit[1]: the Operator limit on L2 (64 A) is above the EVSE Sub-Distribution Limit (63 A); the manual requires it to be smaller or equal")]
    [InlineData("""{"evseSubDistributionLimit":63,"maximumCurrentScheduler":[]}""", "error: settings.maximumCurrentScheduler: needs at least one entry (leave it out to turn the scheduler off)")]
    [InlineData("""{"evseSubDistributionLimit":63,"maximumCurrentScheduler":[{"hour":5,"limit":6},{"hour":5,"limit":8}]}""", "error: settings.maximumCurrentScheduler[1].hour: hour 5 appears twice")]
    [InlineData("""{"evseSubDistributionLimit":63,"maximumCurrentScheduler":[{"hour":24,"limit":6}]}""", "error: settings.maximumCurrentScheduler[0].hour: must be between 0 and 23, not 24")]
    [InlineData("""{"evseSubDistributionLimit":63,"maximumCurrentScheduler":[{"hour":5}]}""", "error: settings.maximumCurrentScheduler[0].limit: is required")]
    [InlineData("""{"evseSubDistributionLimit":63,"externalMeter":{"location":"Excluding","mainDistributionLimit":63}}""", "error: settings.externalMeter.location: must be \"excluding\" or \"including\", not \"Excluding\"")]
    [InlineData("""{"evseSubDistributionLimit":63,"externalMeter":{"location":"excluding"}}""", "error: settings.externalMeter.mainDistributionLimit: is required")]
    [InlineData("""{"evseSubDistributionLimit":63,"currentImbalanceLimit":2.5}""", "error: settings.currentImbalanceLimit: must be a whole number, not 2.5")]
    public void The_same_settings_read_the_same_in_yaml_and_json(string settings, string expected)
    {
        Assert.Equal(expected, Json(settings));
        Assert.Equal(expected, Yaml(" " + settings));
    }

    [Theory]
    [InlineData("""{"evseSubDistributionLimit":63,"operatorLimit":63}""", "operatorLimit")]
    [InlineData("""{"evseSubDistributionLimit":63,"evseSubDistributionLimit":64}""", "evseSubDistributionLimit")]
    [InlineData("""{"evseSubDistributionLimit":"lots"}""", "evseSubDistributionLimit")]
    public void Unknown_repeated_or_misshapen_fields_are_refused_by_both(string settings, string field)
    {
        // The wording of these format-level errors is each reader's own; the outcome and the field are shared.
        Assert.StartsWith("error: ", Json(settings), StringComparison.Ordinal);
        Assert.Contains(field, Json(settings), StringComparison.Ordinal);
        Assert.StartsWith("error: ", Yaml(" " + settings), StringComparison.Ordinal);
        Assert.Contains(field, Yaml(" " + settings), StringComparison.Ordinal);
    }
}
