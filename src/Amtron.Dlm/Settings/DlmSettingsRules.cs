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
        var subDistribution = check.PhaseAmps(draft.EvseSubDistributionLimit, new("evseSubDistributionLimit"), required: true);
        var operatorLimit = check.PhaseAmps(draft.OperatorEvseSubDistributionLimit, new("operatorEvseSubDistributionLimit"));
        var imbalanceLimit = check.Amps(draft.CurrentImbalanceLimit, new("currentImbalanceLimit"));
        var meter = draft.ExternalMeter is { } m ? check.ExternalMeter(m) : null;
        var scheduler = draft.MaximumCurrentScheduler is { } s ? check.Scheduler(s) : null;
        var offset = check.PhaseAmps(draft.MeterDigitalInputCurrentOffset, new("meterDigitalInputCurrentOffset"));
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
            check.OperatorWithin(op, limit, draft.OperatorEvseSubDistributionLimit!, new("operatorEvseSubDistributionLimit"));
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
        // Stryker disable once Boolean : values is not null here (checked above), so "required" is never read
        var limit = check.PhaseAmps(values, new(string.Empty), required: true);
        if (limit is { } op)
        {
            check.OperatorWithin(op, settings.EvseSubDistributionLimit, values, new(string.Empty));
        }

        return (limit, check.Problems);
    }

    /// <summary>One "[A]" setting: a whole number of amps from 0 to <see cref="MaximumSettingAmps"/>; null when it is not.</summary>
    public static string? ProblemWithAmps(double value) =>
        value is < 0 or > MaximumSettingAmps ? $"must be between 0 and {MaximumSettingAmps}, not {Format(value)}"
        : value != Math.Floor(value) ? $"must be a whole number, not {Format(value)}"
        : null;

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where a value sits: a settings field, optionally a row of it and a field of that row, and a phase index.
    /// Spelt out only when a problem is reported, so valid settings build no path strings.
    /// </summary>
    private readonly record struct Where(string Field, int Row = -1, string? Inner = null)
    {
        public string Text(int phase = -1) =>
            Field + (Row < 0 ? string.Empty : $"[{Row}]") + (Inner is null ? string.Empty : $".{Inner}") + (phase < 0 ? string.Empty : $"[{phase}]");
    }

    /// <summary>Collects problems while turning written values into quantities; a value with a problem reads as null.</summary>
    private sealed class Check
    {
        public List<DlmSettingsProblem> Problems { get; } = [];

        public void Add(Where where, string message, int phase = -1) => Problems.Add(new DlmSettingsProblem(where.Text(phase), message));

        /// <summary>An amps value; null (no problem) when left out: only optional settings are single values.</summary>
        public Amps? Amps(double? value, Where where, int phase = -1)
        {
            if (value is not { } number)
            {
                return null;
            }

            if (ProblemWithAmps(number) is { } problem)
            {
                Add(where, problem, phase);
                return null;
            }

            return Units.Amps.From((long)number);
        }

        public PhaseCurrents? PhaseAmps(PhaseValues? values, Where where, bool required = false)
        {
            if (values is null)
            {
                Missing(where, required);
                return null;
            }

            if (values.Values.Count != PhaseSet.PhaseCount)
            {
                Add(where, $"must have 3 values [L1, L2, L3], not {values.Values.Count}");
                return null;
            }

            if (values.IsSame)
            {
                return Amps(values.Values[0], where) is { } same ? new PhaseCurrents(same, same, same) : null;
            }

            var l1 = Amps(values.Values[0], where, 0);
            var l2 = Amps(values.Values[1], where, 1);
            var l3 = Amps(values.Values[2], where, 2);
            return l1 is { } a && l2 is { } b && l3 is { } c ? new PhaseCurrents(a, b, c) : null;
        }

        public ExternalMeterSettings? ExternalMeter(ExternalMeterDraft draft)
        {
            const string Meter = "externalMeter";
            var location = Location(draft.Location, new(Meter, Inner: "location"));
            var main = PhaseAmps(draft.MainDistributionLimit, new(Meter, Inner: "mainDistributionLimit"), required: true);
            var headroom = PhaseAmps(draft.ExternalLoadHeadroom, new(Meter, Inner: "externalLoadHeadroom"));
            var fallback = PhaseAmps(draft.ExternalLoadFallback, new(Meter, Inner: "externalLoadFallback"));
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

        public MaximumCurrentScheduler? Scheduler(IReadOnlyList<SchedulerEntryDraft?> rows)
        {
            const string Scheduler = "maximumCurrentScheduler";
            if (rows.Count == 0)
            {
                Add(new(Scheduler), "needs at least one entry (leave it out to turn the scheduler off)");
                return null;
            }

            var entries = new List<SchedulerEntry>(rows.Count);
            var seen = new bool[MaximumCurrentScheduler.HoursPerDay];
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is not { } row)
                {
                    Add(new(Scheduler, i), "must be an entry {hour, limit}");
                    continue;
                }

                var hour = Hour(row.Hour, new(Scheduler, i, "hour"));
                if (hour is { } h && seen[h])
                {
                    Add(new(Scheduler, i, "hour"), $"hour {h} appears twice");
                    hour = null;
                }
                else if (hour is { } first)
                {
                    seen[first] = true;
                }

                var limit = PhaseAmps(row.Limit, new(Scheduler, i, "limit"), required: true);
                if (hour is { } at && limit is { } l)
                {
                    entries.Add(new SchedulerEntry(at, l));
                }
            }

            return entries.Count == rows.Count ? new MaximumCurrentScheduler(entries) : null;
        }

        public void OperatorWithin(PhaseCurrents operatorLimit, PhaseCurrents subDistribution, PhaseValues written, Where where)
        {
            for (var p = 0; p < PhaseSet.PhaseCount; p++)
            {
                if (operatorLimit[p] <= subDistribution[p])
                {
                    continue;
                }

                Problems.Add(new DlmSettingsProblem(
                    where.Text(written.IsSame ? -1 : p),
                    $"the Operator limit on L{p + 1} ({operatorLimit[p]}) is above the EVSE Sub-Distribution Limit ({subDistribution[p]}); the manual requires it to be smaller or equal",
                    DlmSettingsProblemKind.Contradiction));
                if (written.IsSame)
                {
                    return;
                }
            }
        }

        private ExternalMeterLocation? Location(string? text, Where where)
        {
            switch (text)
            {
                case null:
                    Missing(where, required: true);
                    return null;
                case "excluding":
                    return ExternalMeterLocation.ExcludingEvseSubDistribution;
                case "including":
                    return ExternalMeterLocation.IncludingEvseSubDistribution;
                default:
                    Add(where, $"must be \"excluding\" or \"including\", not \"{text}\"");
                    return null;
            }
        }

        private int? Hour(double? value, Where where)
        {
            const int LastHour = MaximumCurrentScheduler.HoursPerDay - 1;
            if (value is not { } hour)
            {
                Missing(where, required: true);
                return null;
            }

            var problem = hour is < 0 or > LastHour ? $"must be between 0 and {LastHour}, not {Format(hour)}"
                : hour != Math.Floor(hour) ? $"must be a whole number, not {Format(hour)}"
                : null;
            if (problem is not null)
            {
                Add(where, problem);
                return null;
            }

            return (int)hour;
        }

        private void Missing(Where where, bool required)
        {
            if (required)
            {
                Add(where, "is required");
            }
        }
    }
}

/// <summary>The outcome of <see cref="DlmSettingsRules.Validate"/>.</summary>
/// <param name="Settings">The settings; null while any value is invalid (contradictions alone still build them).</param>
/// <param name="Problems">Every problem found, in the order of the fields.</param>
public sealed record DlmSettingsResult(DlmSettings? Settings, IReadOnlyList<DlmSettingsProblem> Problems);
