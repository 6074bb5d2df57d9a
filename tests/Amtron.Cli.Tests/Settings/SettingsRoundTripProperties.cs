using System.Globalization;
using System.Text;
using Amtron.Dlm.Settings;
using Amtron.Dlm.Units;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Amtron.Cli.Tests.Settings.BothSettingsReaders;

namespace Amtron.Cli.Tests.Settings;

/// <summary>Valid settings written as JSON and as block-style YAML read back equal, and equal to what was written.</summary>
public sealed class SettingsRoundTripProperties
{
    [ScaledProperty(150)]
    public Property Valid_settings_written_as_json_and_as_yaml_read_back_equal() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var page = RandomPage.Create(new Random(seed));
            var expected = "ok: " + Describe(page.Settings);
            var json = Json(page.Json());
            var yaml = Yaml(page.Yaml());
            return (json == expected && yaml == expected).Label($"expected {expected}\njson {json}\nyaml {yaml}\n{page.Json()}\n{page.Yaml()}");
        });

    /// <summary>A random valid settings page: its fields as written (null = left out) and the settings they mean.</summary>
    private sealed class RandomPage
    {
        private readonly List<(string Key, object Value)> _fields = [];

        public DlmSettings Settings { get; private set; } = null!;

        public static RandomPage Create(Random random)
        {
            var page = new RandomPage();
            var sub = Phases(random, 0, 9999);
            page.Settings = new DlmSettings(sub);
            page.Add("evseSubDistributionLimit", sub, random);
            if (random.Next(2) == 0)
            {
                var op = new PhaseCurrents(Amps.From(random.Next(0, (int)sub.L1.Value + 1)), Amps.From(random.Next(0, (int)sub.L2.Value + 1)), Amps.From(random.Next(0, (int)sub.L3.Value + 1)));
                page.Settings = page.Settings with { OperatorEvseSubDistributionLimit = op };
                page.Add("operatorEvseSubDistributionLimit", op, random);
            }

            if (random.Next(2) == 0)
            {
                var prevention = random.Next(2) == 0;
                page.Settings = page.Settings with { CurrentImbalancePrevention = prevention };
                page._fields.Add(("currentImbalancePrevention", prevention ? "true" : "false"));
            }

            if (random.Next(2) == 0)
            {
                var limit = random.Next(0, 10000);
                page.Settings = page.Settings with { CurrentImbalanceLimit = Amps.From(limit) };
                page._fields.Add(("currentImbalanceLimit", limit.ToString(CultureInfo.InvariantCulture)));
            }

            if (random.Next(2) == 0)
            {
                page.AddMeter(random);
            }

            if (random.Next(2) == 0)
            {
                page.AddScheduler(random);
            }

            if (random.Next(2) == 0)
            {
                var offset = Phases(random, 0, 100);
                page.Settings = page.Settings with { MeterDigitalInputCurrentOffset = offset };
                page.Add("meterDigitalInputCurrentOffset", offset, random);
            }

            return page;
        }

        public string Json() => Json(_fields);

        public string Yaml()
        {
            var text = new StringBuilder();
            Yaml(_fields, text, "\n      ");
            return text.ToString();
        }

        private static string Json(List<(string Key, object Value)> fields) =>
            "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value switch
            {
                List<(string, object)> inner => Json(inner),
                List<List<(string, object)>> rows => "[" + string.Join(",", rows.Select(Json)) + "]",
                var text => text,
            }}")) + "}";

        private static void Yaml(List<(string Key, object Value)> fields, StringBuilder text, string indent)
        {
            foreach (var (key, value) in fields)
            {
                text.Append(indent).Append(key).Append(':');
                switch (value)
                {
                    case List<(string, object)> inner:
                        Yaml(inner, text, indent + "  ");
                        break;
                    case List<List<(string, object)>> rows:
                        foreach (var row in rows)
                        {
                            // "- " then the row's keys, the first on the dash's line.
                            var rowText = new StringBuilder();
                            Yaml(row, rowText, indent + "    ");
                            text.Append(indent).Append("  - ").Append(rowText.ToString().TrimStart());
                        }

                        break;
                    default:
                        text.Append(' ').Append(value);
                        break;
                }
            }
        }

        private static PhaseCurrents Phases(Random random, int minimum, int maximum) => random.Next(3) == 0
            ? PhaseCurrents.Uniform(random.Next(minimum, maximum + 1))
            : PhaseCurrents.FromWholeAmps(random.Next(minimum, maximum + 1), random.Next(minimum, maximum + 1), random.Next(minimum, maximum + 1));

        /// <summary>Three equal values are written as one number half the time.</summary>
        private static string Written(PhaseCurrents currents, Random random) =>
            currents.L1 == currents.L2 && currents.L2 == currents.L3 && random.Next(2) == 0
                ? currents.L1.FloorWholeAmps.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"[{currents.L1.FloorWholeAmps}, {currents.L2.FloorWholeAmps}, {currents.L3.FloorWholeAmps}]");

        private void Add(string key, PhaseCurrents currents, Random random) => _fields.Add((key, Written(currents, random)));

        private void AddMeter(Random random)
        {
            var location = random.Next(2) == 0 ? ExternalMeterLocation.ExcludingEvseSubDistribution : ExternalMeterLocation.IncludingEvseSubDistribution;
            var main = Phases(random, 0, 9999);
            var meter = new ExternalMeterSettings(location, main);
            var fields = new List<(string, object)> { ("location", location == ExternalMeterLocation.ExcludingEvseSubDistribution ? "\"excluding\"" : "\"including\""), ("mainDistributionLimit", Written(main, random)) };
            if (random.Next(2) == 0)
            {
                meter = meter with { ExternalLoadHeadroom = Phases(random, 0, 50) };
                fields.Add(("externalLoadHeadroom", Written(meter.ExternalLoadHeadroom, random)));
            }

            if (random.Next(2) == 0)
            {
                meter = meter with { ExternalLoadFallback = Phases(random, 0, 9999) };
                fields.Add(("externalLoadFallback", Written(meter.ExternalLoadFallback, random)));
            }

            Settings = Settings with { ExternalMeter = meter };
            _fields.Add(("externalMeter", fields));
        }

        private void AddScheduler(Random random)
        {
            var hours = Enumerable.Range(0, 24).OrderBy(_ => random.Next()).Take(random.Next(1, 25)).ToList();
            var entries = hours.Select(h => new SchedulerEntry(h, Phases(random, 0, 9999))).ToList();
            Settings = Settings with { MaximumCurrentScheduler = new MaximumCurrentScheduler(entries) };
            _fields.Add(("maximumCurrentScheduler", entries.Select(e => new List<(string, object)>
            {
                ("hour", e.Hour.ToString(CultureInfo.InvariantCulture)),
                ("limit", Written(e.Limit, random)),
            }).ToList()));
        }
    }
}
