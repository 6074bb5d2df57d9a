using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Model;

/// <summary>EMS changes of the Operator limit (manual 6.2: "can be changed during operation") apply in time order.</summary>
public sealed class OperatorLimitChangeTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_latest_change_at_or_before_the_instant_is_in_force_whatever_the_list_order()
    {
        var network = new NetworkSpec(0, new DlmSettings(PhaseCurrents.Uniform(63)), new DlmControllerOptions(), [])
        {
            OperatorLimitChanges =
            [
                new OperatorLimitChange(Start.AddHours(12), PhaseCurrents.Uniform(40)),
                new OperatorLimitChange(Start.AddHours(6), PhaseCurrents.Uniform(50)),
            ],
        };

        // Before 06:00 the setting itself (the Operator limit defaults to the Sub-Distribution Limit, 63 A); from 06:00
        // the 50 A change; from 12:00 the 40 A one, although it is listed first.
        Assert.Equal(PhaseCurrents.Uniform(63), network.SettingsAt(Start.AddHours(5)).OperatorEvseSubDistributionLimit);
        Assert.Equal(PhaseCurrents.Uniform(50), network.SettingsAt(Start.AddHours(7)).OperatorEvseSubDistributionLimit);
        Assert.Equal(PhaseCurrents.Uniform(40), network.SettingsAt(Start.AddHours(13)).OperatorEvseSubDistributionLimit);
    }

    [Theory]
    [InlineData("6h", "2026-06-01T06:00:00Z")]
    [InlineData("12h", "2026-06-01T12:00:00Z")]
    public void A_file_listing_a_change_not_after_the_one_before_it_is_refused_at_its_time(string second, string shown)
    {
        const string Text = """
            name: out of order
            start: 2026-06-01T00:00:00Z
            duration: 1d
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                operatorLimitChanges:
                  - {at: 12h, limit: 40}
                  - {at: SECOND, limit: 50}
                stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 32}]}]
            """;
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Text.Replace("SECOND", second, StringComparison.Ordinal), "ems.yaml"));

        // Line 9 is the second change; "      - {at: " is 13 characters, so its time starts at column 14.
        var only = Assert.Single(error.Diagnostics);
        Assert.Equal((9, 14), (only.Line, only.Column));
        Assert.Contains($"operator limit changes must be in time order: {shown} is not after the change before it (2026-06-01T12:00:00Z)", only.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Changes_in_time_order_are_read_as_written()
    {
        const string Text = """
            name: in order
            start: 2026-06-01T00:00:00Z
            duration: 1d
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 63}
                operatorLimitChanges: [{at: 6h, limit: 50}, {at: 12h, limit: 40}]
                stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 32}]}]
            """;
        var changes = ScenarioLoader.Parse(Text, "ems.yaml").Site.Networks[0].OperatorLimitChanges;
        Assert.Equal([Start.AddHours(6), Start.AddHours(12)], changes.Select(c => c.At));
        Assert.Equal([PhaseCurrents.Uniform(50), PhaseCurrents.Uniform(40)], changes.Select(c => c.Limit));
    }
}
