using Amtron.Dlm.Control;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    internal const string Valid = """
        name: test site
        seed: 5
        start: 2026-06-01T00:00:00Z
        duration: 1d
        grid: {mainFuse: 63}
        externalLoads:
          - {name: base, constant: [3, 2, 1]}
          - name: cooking
            daily: [{at: "07:00", currents: [10, 0, 0]}, {at: "08:00", currents: 0}]
        meter: {type: PAC2200, pollInterval: 2s, failures: [{from: 10h, to: 10h5m}], digitalInput: [{from: 2026-06-01T17:00:00Z, to: 19h}]}
        networks:
          - id: 1
            sampleRate: 20s
            queueing: roundRobin
            rotationInterval: 10m
            allowEvWakeup: false
            settings:
              evseSubDistributionLimit: [63, 63, 63]
              operatorEvseSubDistributionLimit: [50, 50, 50]
              currentImbalancePrevention: true
              currentImbalanceLimit: 16
              externalMeter: {location: including, mainDistributionLimit: [63, 63, 63], externalLoadHeadroom: 2}
              maximumCurrentScheduler: [{hour: 0, limit: 32}, {hour: 7, limit: 16}]
              meterDigitalInputCurrentOffset: [10, 10, 10]
            operatorLimitChanges: [{at: 12h, limit: 40}]
            stations:
              - id: CS1
                role: masterWithInternalSlave
                chargePoints: [{id: CP1, installationCurrentLimit: 32}]
              - id: CS2
                role: slaveFixedIp
                disconnectedLimit: 8
                outages: [{from: 3h, to: 4h}]
                chargePoints: [{id: CP2, installationCurrentLimit: 16, phaseRotation: [L2, L3, L1]}, {id: CP3, installationCurrentLimit: 16, phaseRotation: [L3]}]
        vehicles:
          defaults: {batteryKWh: 50, maxCurrent: 16}
          sessions:
            - {chargePoint: CP1, arrival: 1h, departure: 5h, energyKWh: 10}
            - {chargePoint: CP3, arrival: 2026-06-01T02:00:00Z, departure: 9h, targetSoc: 0.8, phases: 1, initialSoc: 0.3}
        assert:
          - limitViolationSeconds == 0
          - energyDeliveredKWh >= 1.5
        """;

    [Fact]
    public void A_full_scenario_reads_into_the_site_model()
    {
        var scenario = ScenarioLoader.Parse(Valid, "site.yaml");
        var site = scenario.Site;
        Assert.Equal("test site", scenario.Name);
        Assert.Equal(5UL, site.Seed);
        Assert.Equal(TimeSpan.FromDays(1), site.Duration);
        Assert.Equal(PhaseCurrents.Uniform(63), site.MainFuse);
        Assert.Equal(2, site.ExternalLoads.Count);
        Assert.Equal(PhaseCurrents.FromWholeAmps(10, 0, 0), site.ExternalLoads[1].At(site.Start.AddHours(7.5)));
        Assert.Equal(TimeSpan.FromSeconds(2), site.Meter!.PollInterval);

        var network = Assert.Single(site.Networks);
        Assert.Equal(1, network.Id);
        Assert.Equal(QueueingPolicy.FairTradeRoundRobin, network.Options.Queueing);
        Assert.False(network.Options.AllowEvWakeup);
        Assert.Equal(ExternalMeterLocation.IncludingEvseSubDistribution, network.Settings.ExternalMeter!.Location);
        Assert.Equal(PhaseCurrents.Uniform(2), network.Settings.ExternalMeter.ExternalLoadHeadroom);
        Assert.Equal(PhaseCurrents.Uniform(16), network.Settings.MaximumCurrentScheduler!.LimitAt(site.Start.AddHours(8)));
        Assert.Equal(PhaseSet.Of(Phase.L3), network.Stations[1].ChargePoints[1].ConnectorPhases);
        Assert.Equal(Amps.From(8), network.Stations[1].DisconnectedLimit);

        Assert.Equal(2, site.Vehicles.Count);
        Assert.Equal(25, site.Vehicles[1].EnergyWantedKWh, 9);
        Assert.Equal(2, scenario.Assertions.Count);
    }

    /// <summary>One network with one master and one charge point, on line 4 of the texts below.</summary>
    private const string OneNetwork = "networks: [{id: 0, settings: {evseSubDistributionLimit: 16}, stations: [{id: S, role: masterStandalone, chargePoints: [{id: P, installationCurrentLimit: 16}]}]}]";

    [Theory]
    [InlineData("name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\n" + OneNetwork + "\ncolour: red\n", 5, 1, "unknown key 'colour'")]
    [InlineData("name: x\nstart: yesterday\nduration: 1d\n" + OneNetwork + "\n", 2, 8, "start must be a UTC time")]
    [InlineData("name: x\nstart: 2026-06-01T00:00:00Z\nduration: 0s\n" + OneNetwork + "\n", 3, 11, "duration must be a positive duration")]
    [InlineData("name: x\nstart: 2026-06-01T00:00:00Z\nduration: 1d\nnetworks: []\n", 4, 11, "at least one DLM network")]
    [InlineData("name: [\n", 2, 1, "not valid YAML")]
    [InlineData("name: [\nstart: 2026-06-01T00:00:00Z\n", 2, 1, "not valid YAML: the file ends inside an unclosed [ or { (or a quote)")]
    [InlineData("name: x\nstart: 2026-06-01T00:00:00Z\nduration: 100000d\n" + OneNetwork + "\n", 3, 11, "duration must be at most 3660d (10 years), not 100000d")]
    [InlineData("name: x\nstart: 9999-12-31T00:00:00Z\nduration: 1h\n" + OneNetwork + "\n", 2, 8, "the simulated period must end by 9998-12-31")]
    [InlineData("name: x\nstart: 9998-12-30T00:00:00Z\nduration: 2d\n" + OneNetwork + "\n", 2, 8, "the simulated period must end by 9998-12-31")]
    [InlineData("name: x\nstart: 0001-01-01T00:00:00Z\nduration: 1d\n" + OneNetwork + "\n", 2, 8, "the simulated period must start on or after 1900-01-01T00:00:00Z")]
    [InlineData("name: x\nstart: 1899-12-31T23:59:59Z\nduration: 1d\n" + OneNetwork + "\n", 2, 8, "the simulated period must start on or after 1900-01-01T00:00:00Z")]
    [InlineData("name: x\nstart: 2026-06-01T00:00:00Z\nduration: 365d\nexternalLoads: [{name: flats, household: {count: 100000, appliancesPerDay: 1000}}]\n" + OneNetwork + "\n", 4, 42, "external load 'flats' household: count × appliancesPerDay over 365 days is about 36,500,000,000 appliance uses; at most 1,000,000 are generated")]
    public void Invalid_files_name_line_and_column(string text, int line, int column, string problem)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        var only = Assert.Single(error.Diagnostics);
        Assert.Contains(problem, only.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"bad.yaml:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_may_start_at_the_first_instant_of_1900()
    {
        var text = "name: x\nstart: 1900-01-01T00:00:00Z\nduration: 1d\n" + OneNetwork + "\n";
        Assert.Equal(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), ScenarioLoader.Parse(text, "old.yaml").Site.Start);
    }

    [Theory]
    [InlineData("operatorEvseSubDistributionLimit: [50, 50, 50]", "operatorEvseSubDistributionLimit: [70, 50, 50]", "bad.yaml:19:42: settings.operatorEvseSubDistributionLimit[0]: the Operator limit on L1 (70 A) is above the EVSE Sub-Distribution Limit (63 A)")]
    [InlineData("currentImbalanceLimit: 16", "currentImbalanceLimit: -1", "bad.yaml:21:30: settings.currentImbalanceLimit: must be between 0 and 9999, not -1")]
    [InlineData("evseSubDistributionLimit: [63, 63, 63]", "evseSubDistributionLimit: [63, 63]", "must have 3 values")]
    [InlineData("operatorLimitChanges: [{at: 12h, limit: 40}]", "operatorLimitChanges: [{at: 12h, limit: 64}]", "limit: the Operator limit on L1 (64 A) is above the EVSE Sub-Distribution Limit")]
    [InlineData("maximumCurrentScheduler: [{hour: 0, limit: 32}, {hour: 7, limit: 16}]", "maximumCurrentScheduler: [{hour: 0, limit: 32}, {hour: 0, limit: 16}]", "bad.yaml:23:62: settings.maximumCurrentScheduler[1].hour: hour 0 appears twice")]
    [InlineData("maximumCurrentScheduler: [{hour: 0, limit: 32}, {hour: 7, limit: 16}]", "maximumCurrentScheduler: []", "settings.maximumCurrentScheduler: needs at least one entry")]
    [InlineData("externalLoadHeadroom: 2}", "externalLoadHeadroom: 2.5}", "settings.externalMeter.externalLoadHeadroom: must be a whole number, not 2.5")]
    public void Impossible_settings_are_rejected(string original, string setting, string problem)
    {
        var text = Valid.Replace(original, setting, StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        // One line each: an unreadable EVSE limit is not also compared with the Operator limit and its changes.
        Assert.Single(error.Diagnostics);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_the_settings_rules_find_is_reported_at_once()
    {
        var text = Valid
            .Replace("currentImbalanceLimit: 16", "currentImbalanceLimit: -1", StringComparison.Ordinal)
            .Replace("maximumCurrentScheduler: [{hour: 0, limit: 32}, {hour: 7, limit: 16}]", "maximumCurrentScheduler: [{hour: 0, limit: 32}, {hour: 0, limit: 16}]", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));

        // Two independent mistakes in one settings block: both lines, in file order (line 21, then line 23).
        Assert.Equal(2, error.Diagnostics.Count);
        Assert.Contains("bad.yaml:21:30: settings.currentImbalanceLimit: must be between 0 and 9999, not -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:23:62: settings.maximumCurrentScheduler[1].hour: hour 0 appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generator_asking_for_millions_of_sessions_is_refused_before_generating()
    {
        // 100,000 arrivals per hour for 365 days: 876,000,000 sessions.
        var text = "name: x\nstart: 2026-06-01T00:00:00Z\nduration: 365d\n" + OneNetwork
            + "\nvehicles: {generator: {arrivalsPerHour: 100000, dwellHours: {mean: 7, sd: 3}, energyKWh: {mean: 10, sd: 5}}}\n";
        var only = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml")).Diagnostics);
        Assert.Equal("arrivalsPerHour over the period gives about 876,000,000 sessions; at most 2,000,000 are generated: a lower rate or a shorter period", only.Problem);
    }

    [Fact]
    public void Two_masters_in_one_network_are_rejected()
    {
        var text = Valid.Replace("role: slaveFixedIp", "role: masterStandalone", StringComparison.Ordinal)
            .Replace("outages: [{from: 3h, to: 4h}]", "outages: []", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Contains("exactly one DLM master, not 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_three_phase_vehicle_on_a_one_phase_point_is_rejected()
    {
        var text = Valid.Replace("targetSoc: 0.8, phases: 1,", "targetSoc: 0.8, phases: 3,", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Contains("a 3-phase vehicle cannot charge on CP3, which is wired to 1 phase(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_sessions_on_one_point_are_rejected()
    {
        var text = Valid.Replace("{chargePoint: CP3, arrival: 2026-06-01T02:00:00Z", "{chargePoint: CP1, arrival: 2026-06-01T02:00:00Z", StringComparison.Ordinal)
            .Replace("phases: 1, initialSoc", "initialSoc", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Contains("before 'S1' has left", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_id_used_twice_is_rejected_where_it_is_written()
    {
        var text = Valid.Replace("- {chargePoint: CP1, arrival: 1h", "- {id: car, chargePoint: CP1, arrival: 1h", StringComparison.Ordinal)
            .Replace("- {chargePoint: CP3, arrival:", "- {id: car, chargePoint: CP3, arrival:", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.StartsWith("bad.yaml:39:7:", error.Message, StringComparison.Ordinal);
        Assert.Contains("session id 'car' is used twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meter_setting_without_a_meter_is_rejected()
    {
        var text = Valid.Replace("meter: {type: PAC2200, pollInterval: 2s, failures: [{from: 10h, to: 10h5m}], digitalInput: [{from: 2026-06-01T17:00:00Z, to: 19h}]}\n", string.Empty, StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.Contains("uses an external meter but the scenario has no 'meter' section", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limitViolationSeconds = 0")]
    [InlineData("limitViolationSeconds <= ten")]
    [InlineData("3 >= happiness")]
    public void Malformed_assertions_are_rejected(string assertion)
    {
        var text = Valid.Replace("- limitViolationSeconds == 0", $"- {assertion}", StringComparison.Ordinal);
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml"));
        Assert.StartsWith("bad.yaml:41:5: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not 'metric op number'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assertion_naming_no_metric_the_caller_knows_is_rejected_at_its_line()
    {
        // The second assertion of Valid is on line 42; its item starts after "  - " (column 5).
        var text = Valid.Replace("energyDeliveredKWh >= 1.5", "happiness >= 3", StringComparison.Ordinal);
        string[] metrics = ["limitViolationSeconds", "energyDeliveredKWh"];
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "bad.yaml", metrics));
        Assert.Equal("bad.yaml:42:5: 'happiness >= 3' names no metric; metrics: limitViolationSeconds, energyDeliveredKWh", error.Message);
    }

    [Fact]
    public void Without_known_metrics_any_name_is_read_with_its_location()
    {
        var text = Valid.Replace("energyDeliveredKWh >= 1.5", "happiness >= 3", StringComparison.Ordinal);
        var assertion = ScenarioLoader.Parse(text, "site.yaml").Assertions[1];
        Assert.Equal(("happiness", ">=", 3.0, 42L, 5L), (assertion.Metric, assertion.Operator, assertion.Value, assertion.Line, assertion.Column));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    [InlineData("0.5h", 1800)]
    [InlineData("250ms", 0.25)]
    public void Durations_read_as_sums_of_parts(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds);
    }

    [Theory]
    [InlineData("1 h")]
    [InlineData("h")]
    [InlineData("5")]
    public void Malformed_durations_are_refused(string text) => Assert.False(DurationText.TryParse(text, out _));
}
