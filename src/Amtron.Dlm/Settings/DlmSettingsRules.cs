using System.Globalization;
using Amtron.Dlm.Units;

namespace Amtron.Dlm.Settings;

/// <summary>
/// The one place where DLM settings as written become <see cref="DlmSettings"/>: every reader (scenario YAML,
/// `amtron allocate` JSON) fills a <see cref="DlmSettingsDraft"/> and calls <see cref="Validate"/>, then reports the
/// problems at its own locations. Bad input is a list of problems, never an exception.
/// </summary>
public static class DlmSettingsRules
{
    /// <summary>
    /// Largest value of an "[A]" setting: 9999 A, the largest the web interface shows (the External Load Fallback
    /// default). The manual gives no range; anything above is a typing error, not a fuse.
    /// </summary>
    public const long MaximumSettingAmps = 9999;

    /// <summary>The settings, or every problem found. <see cref="DlmSettingsResult.Settings"/> is null while any value is invalid.</summary>
    public static DlmSettingsResult Validate(DlmSettingsDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var check = new Check();
        var subDistribution = check.PhaseAmps(draft.EvseSubDistributionLimit, "evseSubDistributionLimit", required: true);
        var operatorLimit = check.PhaseAmps(draft.OperatorEvseSubDistributionLimit, "operatorEvseSubDistributionLimit");
        var imbalanceLimit = check.Amps(draft.CurrentImbalanceLimit, "currentImbalanceLimit");
        var meter = draft.ExternalMeter is { } m ? check.ExternalMeter(m, "externalMeter") : null;
        var scheduler = draft.MaximumCurrentScheduler is { } s ? check.Scheduler(s, "maximumCurrentScheduler") : null;
        var offset = check.PhaseAmps(draft.MeterDigitalInputCurrentOffset, "meterDigitalInputCurrentOffset");
        if (check.Problems.Count > 0 || subDistribution is not { } limit)
        {
            return new DlmSettingsResult(null, check.Problems);
        }

        var settings = new DlmSettings(limit)
        {
            CurrentImbalancePrevention = draft.CurrentImbalancePrevention ?? false,
            CurrentImbalanceLimit = imbalanceLimit ?? DlmSettings.DefaultCurrentImbalanceLimit,
            ExternalMeter = meter,
            MaximumCurrentScheduler = scheduler,
            MeterDigitalInputCurrentOffset = offset ?? PhaseCurrents.Zero,
        };
        if (operatorLimit is { } op)
        {
            check.OperatorWithin(op, limit, draft.OperatorEvseSubDistributionLimit!, "operatorEvseSubDistributionLimit");
            settings = settings with { OperatorEvseSubDistributionLimit = op };
        }

        return new DlmSettingsResult(settings, check.Problems);
    }

    /// <summary>
    /// An Operator limit set during operation (by an EMS): the same rules as the setting, relative paths from the
    /// limit itself ("" or "[1]"). <c>Limit</c> is null while a value is invalid.
    /// </summary>
    public static (PhaseCurrents? Limit, IReadOnlyList<DlmSettingsProblem> Problems) ValidateOperatorLimit(PhaseValues values, DlmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(settings);
        var check = new Check();
        var limit = check.PhaseAmps(values, string.Empty, required: true);
        if (limit is { } op)
        {
            check.OperatorWithin(op, settings.EvseSubDistributionLimit, values, string.Empty);
        }

        return (limit, check.Problems);
    }

    /// <summary>One "[A]" setting: a whole number of amps from 0 to <see cref="MaximumSettingAmps"/>; null when it is not.</summary>
    public static string? ProblemWithAmps(double value) =>
        value is < 0 or > MaximumSettingAmps ? $"must be between 0 and {MaximumSettingAmps}, not {Format(value)}"
        : value != Math.Floor(value) ? $"must be a whole number, not {Format(value)}"
        : null;

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Field(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Item(string path, int index) => $"{path}[{index}]";

    /// <summary>Collects problems while turning written values into quantities; a value with a problem reads as null.</summary>
    private sealed class Check
    {
        public List<DlmSettingsProblem> Problems { get; } = [];

        public void Add(string path, string message) => Problems.Add(new DlmSettingsProblem(path, message));

        public Amps? Amps(double? value, string path, bool required = false)
        {
            if (value is not { } number)
            {
                Missing(path, required);
                return null;
            }

            if (ProblemWithAmps(number) is { } problem)
            {
                Add(path, problem);
                return null;
            }

            return Units.Amps.From((long)number);
        }

        public PhaseCurrents? PhaseAmps(PhaseValues? values, string path, bool required = false)
        {
            if (values is null)
            {
                Missing(path, required);
                return null;
            }

            if (values.Values.Count != PhaseSet.PhaseCount)
            {
                Add(path, $"must have 3 values [L1, L2, L3], not {values.Values.Count}");
                return null;
            }

            if (values.IsSame)
            {
                return Amps(values.Values[0], path) is { } same ? new PhaseCurrents(same, same, same) : null;
            }

            var l1 = Amps(values.Values[0], Item(path, 0));
            var l2 = Amps(values.Values[1], Item(path, 1));
            var l3 = Amps(values.Values[2], Item(path, 2));
            return l1 is { } a && l2 is { } b && l3 is { } c ? new PhaseCurrents(a, b, c) : null;
        }

        public ExternalMeterSettings? ExternalMeter(ExternalMeterDraft draft, string path)
        {
            var location = Location(draft.Location, Field(path, "location"));
            var main = PhaseAmps(draft.MainDistributionLimit, Field(path, "mainDistributionLimit"), required: true);
            var headroom = PhaseAmps(draft.ExternalLoadHeadroom, Field(path, "externalLoadHeadroom"));
            var fallback = PhaseAmps(draft.ExternalLoadFallback, Field(path, "externalLoadFallback"));
            if (location is not { } where || main is not { } limit)
            {
                return null;
            }

            return new ExternalMeterSettings(where, limit)
            {
                ExternalLoadHeadroom = headroom ?? PhaseCurrents.Zero,
                ExternalLoadFallback = fallback ?? ExternalMeterSettings.DefaultExternalLoadFallback,
            };
        }

        public MaximumCurrentScheduler? Scheduler(IReadOnlyList<SchedulerEntryDraft?> rows, string path)
        {
            if (rows.Count == 0)
            {
                Add(path, "needs at least one entry (leave it out to turn the scheduler off)");
                return null;
            }

            var entries = new List<SchedulerEntry>(rows.Count);
            var seen = new bool[MaximumCurrentScheduler.HoursPerDay];
            for (var i = 0; i < rows.Count; i++)
            {
                var rowPath = Item(path, i);
                if (rows[i] is not { } row)
                {
                    Add(rowPath, "must be an entry {hour, limit}");
                    continue;
                }

                var hour = Hour(row.Hour, Field(rowPath, "hour"));
                if (hour is { } h && seen[h])
                {
                    Add(Field(rowPath, "hour"), $"hour {h} appears twice");
                    hour = null;
                }
                else if (hour is { } first)
                {
                    seen[first] = true;
                }

                var limit = PhaseAmps(row.Limit, Field(rowPath, "limit"), required: true);
                if (hour is { } at && limit is { } l)
                {
                    entries.Add(new SchedulerEntry(at, l));
                }
            }

            return entries.Count == rows.Count ? new MaximumCurrentScheduler(entries) : null;
        }

        public void OperatorWithin(PhaseCurrents operatorLimit, PhaseCurrents subDistribution, PhaseValues written, string path)
        {
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                if (operatorLimit[p] <= subDistribution[p])
                {
                    continue;
                }

                Problems.Add(new DlmSettingsProblem(
                    written.IsSame ? path : Item(path, p),
                    $"the Operator limit on L{p + 1} ({operatorLimit[p]}) is above the EVSE Sub-Distribution Limit ({subDistribution[p]}); the manual requires it to be smaller or equal",
                    DlmSettingsProblemKind.Contradiction));
                if (written.IsSame)
                {
                    return;
                }
            }
        }

        private ExternalMeterLocation? Location(string? text, string path)
        {
            switch (text)
            {
                case null:
                    Missing(path, required: true);
                    return null;
                case "excluding":
                    return ExternalMeterLocation.ExcludingEvseSubDistribution;
                case "including":
                    return ExternalMeterLocation.IncludingEvseSubDistribution;
                default:
                    Add(path, $"must be \"excluding\" or \"including\", not \"{text}\"");
                    return null;
            }
        }

        private int? Hour(double? value, string path)
        {
            const int LastHour = MaximumCurrentScheduler.HoursPerDay - 1;
            if (value is not { } hour)
            {
                Missing(path, required: true);
                return null;
            }

            var problem = hour is < 0 or > LastHour ? $"must be between 0 and {LastHour}, not {Format(hour)}"
                : hour != Math.Floor(hour) ? $"must be a whole number, not {Format(hour)}"
                : null;
            if (problem is not null)
            {
                Add(path, problem);
                return null;
            }

            return (int)hour;
        }

        private void Missing(string path, bool required)
        {
            if (required)
            {
                Add(path, "is required");
            }
        }
    }
}

/// <summary>The outcome of <see cref="DlmSettingsRules.Validate"/>.</summary>
/// <param name="Settings">The settings; null while any value is invalid (contradictions alone still build them).</param>
/// <param name="Problems">Every problem found, in the order of the fields.</param>
public sealed record DlmSettingsResult(DlmSettings? Settings, IReadOnlyList<DlmSettingsProblem> Problems);
