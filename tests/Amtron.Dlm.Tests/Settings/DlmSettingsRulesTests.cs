using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Tests.Settings;

/// <summary>The one set of rules both settings readers call (docs/allocate.md, "Settings rules").</summary>
public sealed class DlmSettingsRulesTests
{
    private static readonly PhaseValues Hundred = PhaseValues.Of(100, 100, 100);

    [Fact]
    public void Only_the_sub_distribution_limit_gives_the_device_defaults()
    {
        var settings = Valid(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Of(40, 50, 60) });

        Assert.Equal(PhaseCurrents.FromWholeAmps(40, 50, 60), settings.EvseSubDistributionLimit);
        Assert.Equal(settings.EvseSubDistributionLimit, settings.OperatorEvseSubDistributionLimit);
        Assert.False(settings.CurrentImbalancePrevention);
        Assert.Equal(Amps.From(20), settings.CurrentImbalanceLimit);
        Assert.Null(settings.ExternalMeter);
        Assert.Null(settings.MaximumCurrentScheduler);
        Assert.Equal(PhaseCurrents.Zero, settings.MeterDigitalInputCurrentOffset);
    }

    [Fact]
    public void Every_setting_is_carried_over()
    {
        var settings = Valid(new DlmSettingsDraft
        {
            EvseSubDistributionLimit = Hundred,
            OperatorEvseSubDistributionLimit = PhaseValues.Of(80, 90, 100),
            CurrentImbalancePrevention = true,
            CurrentImbalanceLimit = 16,
            ExternalMeter = new ExternalMeterDraft { Location = "including", MainDistributionLimit = PhaseValues.Same(63), ExternalLoadHeadroom = PhaseValues.Of(1, 2, 3) },
            MaximumCurrentScheduler = [new SchedulerEntryDraft { Hour = 16, Limit = PhaseValues.Same(6) }, new SchedulerEntryDraft { Hour = 0, Limit = PhaseValues.Same(32) }],
            MeterDigitalInputCurrentOffset = PhaseValues.Same(10),
        });

        Assert.Equal(PhaseCurrents.FromWholeAmps(80, 90, 100), settings.OperatorEvseSubDistributionLimit);
        Assert.True(settings.CurrentImbalancePrevention);
        Assert.Equal(Amps.From(16), settings.CurrentImbalanceLimit);
        Assert.Equal(ExternalMeterLocation.IncludingEvseSubDistribution, settings.ExternalMeter!.Location);
        Assert.Equal(PhaseCurrents.Uniform(63), settings.ExternalMeter.MainDistributionLimit);
        Assert.Equal(PhaseCurrents.FromWholeAmps(1, 2, 3), settings.ExternalMeter.ExternalLoadHeadroom);
        Assert.Equal(PhaseCurrents.Uniform(9999), settings.ExternalMeter.ExternalLoadFallback);
        Assert.Equal([0, 16], settings.MaximumCurrentScheduler!.Entries.Select(e => e.Hour));
        Assert.Equal(PhaseCurrents.Uniform(10), settings.MeterDigitalInputCurrentOffset);
    }

    [Theory]
    [InlineData(-1, "evseSubDistributionLimit[1]", "must be between 0 and 9999, not -1")]
    [InlineData(10000, "evseSubDistributionLimit[1]", "must be between 0 and 9999, not 10000")]
    [InlineData(10.5, "evseSubDistributionLimit[1]", "must be a whole number, not 10.5")]
    public void A_phase_value_must_be_whole_amps_within_the_device_range(double value, string path, string message)
    {
        var problem = Assert.Single(Problems(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Of(100, value, 100) }));
        Assert.Equal(new DlmSettingsProblem(path, message), problem);
    }

    [Fact]
    public void The_range_ends_are_allowed()
    {
        var settings = Valid(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Of(0, 9999, 0), CurrentImbalanceLimit = 0 });
        Assert.Equal(PhaseCurrents.FromWholeAmps(0, 9999, 0), settings.EvseSubDistributionLimit);
        Assert.Equal(Amps.Zero, settings.CurrentImbalanceLimit);
    }

    [Fact]
    public void One_number_for_all_phases_is_reported_without_an_index()
    {
        var problem = Assert.Single(Problems(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Same(12.5) }));
        Assert.Equal(new DlmSettingsProblem("evseSubDistributionLimit", "must be a whole number, not 12.5"), problem);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Per_phase_values_are_three(int count)
    {
        var problem = Assert.Single(Problems(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Of([.. Enumerable.Repeat(16.0, count)]) }));
        Assert.Equal(new DlmSettingsProblem("evseSubDistributionLimit", $"must have 3 values [L1, L2, L3], not {count}"), problem);
    }

    [Fact]
    public void Every_problem_is_returned_in_field_order_and_no_settings_are_built()
    {
        var result = DlmSettingsRules.Validate(new DlmSettingsDraft
        {
            EvseSubDistributionLimit = null,
            CurrentImbalanceLimit = 2.5,
            ExternalMeter = new ExternalMeterDraft { Location = null, MainDistributionLimit = null },
        });

        Assert.Null(result.Settings);
        Assert.Equal(
            ["evseSubDistributionLimit: is required", "currentImbalanceLimit: must be a whole number, not 2.5", "externalMeter.location: is required", "externalMeter.mainDistributionLimit: is required"],
            result.Problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Theory]
    [InlineData("Excluding")]
    [InlineData("excluding ")]
    [InlineData("outside")]
    public void The_meter_location_is_spelt_exactly(string location)
    {
        var problem = Assert.Single(Problems(new DlmSettingsDraft
        {
            EvseSubDistributionLimit = Hundred,
            ExternalMeter = new ExternalMeterDraft { Location = location, MainDistributionLimit = Hundred },
        }));
        Assert.Equal(new DlmSettingsProblem("externalMeter.location", $"must be \"excluding\" or \"including\", not \"{location}\""), problem);
    }

    [Fact]
    public void An_empty_scheduler_is_an_error_not_off()
    {
        var problem = Assert.Single(Problems(new DlmSettingsDraft { EvseSubDistributionLimit = Hundred, MaximumCurrentScheduler = [] }));
        Assert.Equal("maximumCurrentScheduler", problem.Path);
        Assert.StartsWith("needs at least one entry", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(24, "must be between 0 and 23, not 24")]
    [InlineData(-1, "must be between 0 and 23, not -1")]
    [InlineData(6.5, "must be a whole number, not 6.5")]
    public void Scheduler_hours_are_whole_hours_of_the_day(double hour, string message)
    {
        var problem = Assert.Single(Problems(Scheduler(new SchedulerEntryDraft { Hour = hour, Limit = Hundred })));
        Assert.Equal(new DlmSettingsProblem("maximumCurrentScheduler[0].hour", message), problem);
    }

    [Fact]
    public void A_scheduler_hour_given_twice_is_reported_at_the_second()
    {
        var problem = Assert.Single(Problems(Scheduler(
            new SchedulerEntryDraft { Hour = 7, Limit = Hundred },
            new SchedulerEntryDraft { Hour = 3, Limit = Hundred },
            new SchedulerEntryDraft { Hour = 7, Limit = PhaseValues.Same(16) })));
        Assert.Equal(new DlmSettingsProblem("maximumCurrentScheduler[2].hour", "hour 7 appears twice"), problem);
    }

    [Fact]
    public void A_scheduler_entry_needs_hour_limit_and_an_object()
    {
        var problems = Problems(Scheduler(new SchedulerEntryDraft { Hour = null, Limit = null }, null));
        Assert.Equal(
            ["maximumCurrentScheduler[0].hour: is required", "maximumCurrentScheduler[0].limit: is required", "maximumCurrentScheduler[1]: must be an entry {hour, limit}"],
            problems.Select(p => $"{p.Path}: {p.Message}"));
    }

    [Fact]
    public void An_operator_limit_above_the_sub_distribution_limit_is_a_contradiction_per_phase()
    {
        var result = DlmSettingsRules.Validate(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Of(63, 63, 63), OperatorEvseSubDistributionLimit = PhaseValues.Of(63, 80, 64) });

        Assert.Equal(["operatorEvseSubDistributionLimit[1]", "operatorEvseSubDistributionLimit[2]"], result.Problems.Select(p => p.Path));
        Assert.All(result.Problems, p => Assert.Equal(DlmSettingsProblemKind.Contradiction, p.Kind));
        Assert.StartsWith("the Operator limit on L2 (80 A) is above the EVSE Sub-Distribution Limit (63 A)", result.Problems[0].Message, StringComparison.Ordinal);

        // Valid values on their own: a planning tool still gets the settings to report on.
        Assert.Equal(PhaseCurrents.FromWholeAmps(63, 80, 64), result.Settings!.OperatorEvseSubDistributionLimit);
    }

    [Fact]
    public void An_operator_limit_equal_to_the_sub_distribution_limit_is_fine()
    {
        Assert.Empty(Problems(new DlmSettingsDraft { EvseSubDistributionLimit = Hundred, OperatorEvseSubDistributionLimit = PhaseValues.Same(100) }));
    }

    [Fact]
    public void An_operator_limit_set_during_operation_follows_the_same_rules()
    {
        var settings = Valid(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Of(50, 50, 50) });

        var (within, none) = DlmSettingsRules.ValidateOperatorLimit(PhaseValues.Same(40), settings);
        Assert.Equal(PhaseCurrents.Uniform(40), within);
        Assert.Empty(none);

        var (_, above) = DlmSettingsRules.ValidateOperatorLimit(PhaseValues.Of(70, 50, 50), settings);
        Assert.Equal("[0]", Assert.Single(above).Path);

        var (invalid, fractional) = DlmSettingsRules.ValidateOperatorLimit(PhaseValues.Of(40, 40.5, 40), settings);
        Assert.Null(invalid);
        Assert.Equal(new DlmSettingsProblem("[1]", "must be a whole number, not 40.5"), Assert.Single(fractional));
    }

    [Theory]
    [InlineData("operatorEvseSubDistributionLimit")]
    [InlineData("currentImbalanceLimit")]
    [InlineData("meterDigitalInputCurrentOffset")]
    [InlineData("externalMeter.externalLoadHeadroom")]
    [InlineData("externalMeter.externalLoadFallback")]
    public void Every_setting_is_reported_at_its_own_path(string path)
    {
        var draft = new DlmSettingsDraft { EvseSubDistributionLimit = Hundred };
        var half = PhaseValues.Same(12.5);
        var meter = new ExternalMeterDraft { Location = "excluding", MainDistributionLimit = Hundred };
        draft = path switch
        {
            "operatorEvseSubDistributionLimit" => draft with { OperatorEvseSubDistributionLimit = half },
            "currentImbalanceLimit" => draft with { CurrentImbalanceLimit = 12.5 },
            "meterDigitalInputCurrentOffset" => draft with { MeterDigitalInputCurrentOffset = half },
            "externalMeter.externalLoadHeadroom" => draft with { ExternalMeter = meter with { ExternalLoadHeadroom = half } },
            _ => draft with { ExternalMeter = meter with { ExternalLoadFallback = half } },
        };

        Assert.Equal(new DlmSettingsProblem(path, "must be a whole number, not 12.5"), Assert.Single(Problems(draft)));
    }

    [Fact]
    public void A_meter_needs_its_main_distribution_limit()
    {
        var draft = new DlmSettingsDraft { EvseSubDistributionLimit = Hundred, ExternalMeter = new ExternalMeterDraft { Location = "excluding" } };
        Assert.Equal(new DlmSettingsProblem("externalMeter.mainDistributionLimit", "is required"), Assert.Single(Problems(draft)));
    }

    [Fact]
    public void A_given_external_load_fallback_replaces_the_default()
    {
        var settings = Valid(new DlmSettingsDraft
        {
            EvseSubDistributionLimit = Hundred,
            ExternalMeter = new ExternalMeterDraft { Location = "excluding", MainDistributionLimit = Hundred, ExternalLoadFallback = PhaseValues.Of(40, 41, 42) },
        });
        Assert.Equal(PhaseCurrents.FromWholeAmps(40, 41, 42), settings.ExternalMeter!.ExternalLoadFallback);
    }

    [Fact]
    public void A_value_in_a_message_is_shown_to_three_decimals() =>
        Assert.Equal("must be a whole number, not 12.346", Assert.Single(Problems(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Same(12.34567) })).Message);

    [Fact]
    public void One_operator_number_above_the_limit_is_one_problem_without_an_index()
    {
        var problem = Assert.Single(Problems(new DlmSettingsDraft { EvseSubDistributionLimit = PhaseValues.Of(50, 40, 30), OperatorEvseSubDistributionLimit = PhaseValues.Same(60) }));
        Assert.Equal("operatorEvseSubDistributionLimit", problem.Path);
        Assert.StartsWith("the Operator limit on L1 (60 A) is above the EVSE Sub-Distribution Limit (50 A)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_hour_of_the_day_is_a_scheduler_hour()
    {
        var settings = Valid(Scheduler(new SchedulerEntryDraft { Hour = 23, Limit = PhaseValues.Same(6) }));
        Assert.Equal(23, Assert.Single(settings.MaximumCurrentScheduler!.Entries).Hour);
    }

    [Fact]
    public void Missing_arguments_are_argument_errors()
    {
        var settings = Valid(new DlmSettingsDraft { EvseSubDistributionLimit = Hundred });
        Assert.Throws<ArgumentNullException>(() => DlmSettingsRules.Validate(null!));
        Assert.Throws<ArgumentNullException>(() => DlmSettingsRules.ValidateOperatorLimit(null!, settings));
        Assert.Throws<ArgumentNullException>(() => DlmSettingsRules.ValidateOperatorLimit(Hundred, null!));
    }

    private static DlmSettingsDraft Scheduler(params SchedulerEntryDraft?[] rows) =>
        new() { EvseSubDistributionLimit = Hundred, MaximumCurrentScheduler = rows };

    private static DlmSettings Valid(DlmSettingsDraft draft)
    {
        var result = DlmSettingsRules.Validate(draft);
        Assert.Empty(result.Problems);
        return result.Settings!;
    }

    private static IReadOnlyList<DlmSettingsProblem> Problems(DlmSettingsDraft draft) => DlmSettingsRules.Validate(draft).Problems;
}
