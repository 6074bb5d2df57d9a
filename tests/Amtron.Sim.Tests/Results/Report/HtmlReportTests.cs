using System.Text;
using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Results.Report;
using Amtron.Sim.Runtime;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Results.Report;

/// <summary>report.html is a document to hand on: verdict, settings, sessions, each limit exceeded with its times.</summary>
public sealed class HtmlReportTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("amtron-report-").FullName;

    private const string Site = """
        name: report
        start: 2026-06-01T00:00:00Z
        duration: 2d
        grid: {mainFuse: [63, 50, 63]}
        meter: {type: PAC2200, pollInterval: 5s, digitalInput: [{from: 17h, to: 19h}]}
        networks:
          - id: 4
            sampleRate: 10s
            queueing: roundRobin
            settings:
              evseSubDistributionLimit: 40
              operatorEvseSubDistributionLimit: 32
              meterDigitalInputCurrentOffset: 16
              externalMeter: {location: including, mainDistributionLimit: 63}
              currentImbalancePrevention: true
              currentImbalanceLimit: 10
              maximumCurrentScheduler: [{hour: 0, limit: 40}, {hour: 7, limit: 20}]
            stations:
              - {id: CS1, role: masterWithInternalSlave, chargePoints: [{id: CP1, installationCurrentLimit: 32}]}
        vehicles:
          sessions:
            - {id: S1, chargePoint: CP1, arrival: 1h, departure: 3h, energyKWh: 5}
        ASSERT
        """;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string yaml, SimulationResult? result = null)
    {
        var scenario = ScenarioLoader.Parse(yaml, "report.yaml", KpiCatalogue.MetricNames);
        result ??= new SiteSimulation(scenario.Site).Run();
        HtmlReport.Write(_directory, scenario, result, ResultWriter.Check(scenario, result), []);
        return File.ReadAllText(Path.Combine(_directory, "report.html"), Encoding.UTF8);
    }

    /// <summary>The report of a bundled grid scenario (scenarios/grid/).</summary>
    private string WriteBundled(string file) =>
        Write(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", "grid", file), Encoding.UTF8));

    private static string Assert_(string assertions) => Site.Replace("ASSERT", assertions, StringComparison.Ordinal);

    [Fact]
    public void The_settings_table_shows_what_the_run_used()
    {
        var html = Write(Assert_(string.Empty));
        Assert.Contains("<th>main fuse</th><td>63 / 50 / 63 A</td>", html, StringComparison.Ordinal);
        Assert.Contains("PAC2200, read every 5 s; digital input energised 2026-06-01 17:00–2026-06-01 19:00", html, StringComparison.Ordinal);
        Assert.Contains("<td>4</td><td>1</td><td>40 A</td><td>32 A</td><td>Including the EVSE sub-distribution, Main Distribution Limit 63 A</td><td>16 A</td><td>00:00 40 A, 07:00 20 A</td><td>10 A</td><td>10 s</td><td>Fair Trade (RR), every 15 min</td><td>not given</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>period</th><td>2026-06-01 00:00 to 2026-06-03 00:00 UTC (2 d)</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_sessions_are_listed_one_by_one()
    {
        var html = Write(Assert_(string.Empty));
        // S1 arrives at 01:00 and is given current at the first decision; it wants 5 kWh and gets it.
        Assert.Contains("<td>S1</td><td>CP1</td><td>2026-06-01 01:00:00</td><td>2026-06-01 03:00:00</td><td>5.00 kWh</td><td>5.00 kWh</td><td>0.00 kWh</td>", html, StringComparison.Ordinal);
        Assert.Contains("1 session: 1 fully satisfied, 0 not fully satisfied, 0 never charged, 0 rejected.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_sessions_are_summed_up_as_distributions()
    {
        // 100 sessions, session i short by i/10 kWh and waiting i s: nearest rank gives 50 % → 4.9 kWh and 49 s,
        // 90 % → 8.9 kWh and 1 min 29 s, 99 % → 9.8 kWh and 1 min 38 s, the largest 9.9 kWh and 1 min 39 s.
        var sessions = Enumerable.Range(0, 100).Select(i => new SessionResult($"G{i}", "CP1", Start, Start.AddHours(1), 10, 10 - (i / 10.0), Rejected: false)
        {
            ChargingFrom = Start.AddSeconds(i),
        }).ToList();
        var result = new SimulationResult(sessions, [Amps.Zero, Amps.Zero, Amps.Zero], 0, 0, new Dictionary<string, double>(), Amps.Zero, Amps.Zero, 0, 3600, 0, 0);
        var html = Write(Assert_(string.Empty), result);
        Assert.Contains("<td>50 %</td><td>4.90 kWh</td><td>49 s</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>90 %</td><td>8.90 kWh</td><td>1 min 29 s</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>99 %</td><td>9.80 kWh</td><td>1 min 38 s</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>all (the largest)</td><td>9.90 kWh</td><td>1 min 39 s</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>G0</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_limit_exceeded_has_its_id_its_total_and_its_first_and_last_times()
    {
        LimitExcursion Excursion(int second, int seconds, int peak) =>
            new(LimitIds.Dlm(4), false, Start.AddSeconds(second), TimeSpan.FromSeconds(seconds), Amps.From(peak), peak * seconds);
        var result = new SimulationResult([], [Amps.Zero, Amps.Zero, Amps.Zero], 8, 0, new Dictionary<string, double> { [LimitIds.Dlm(4)] = 8 }, Amps.From(6), Amps.Zero, 0, 3600, 0, 0)
        {
            LimitExcursions = [Excursion(600, 3, 6), Excursion(7200, 5, 2)],
            LimitViolationSteadySeconds = 5,
        };
        var html = Write(Assert_(string.Empty), result);
        Assert.Contains("<td>network 4 DLM limit (Operator, downgrade offset, scheduler)</td><td>network4.dlmLimit</td><td>8 s</td><td>2</td><td>2026-06-01 00:10:00</td><td>2026-06-01 02:00:05</td><td>6.0 A</td>", html, StringComparison.Ordinal);

        // Exceeded and nothing asserts it: a warning, with how much of it was steady.
        Assert.Contains("<p class=\"banner warn\">WARNING: a current limit was exceeded for 8 s (5 s of it steady, outside reaction windows), and no assertion checks it</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_banner_tells_pass_a_failed_assertion_and_an_allowed_excess_apart()
    {
        var pass = Write(Assert_("assert: [\"limitViolationSeconds == 0\"]"));
        Assert.Contains("<p class=\"banner pass\">PASS: every assertion holds and no limit was exceeded</p>", pass, StringComparison.Ordinal);
        Assert.Contains("<p>No limit was exceeded at any moment.</p>", pass, StringComparison.Ordinal);

        var fail = Write(Assert_("assert: [\"sessions == 2\", \"sessions == 1\"]"));
        Assert.Contains("<p class=\"banner fail\">FAIL: 1 of 2 assertions failed</p>", fail, StringComparison.Ordinal);

        var excess = new SimulationResult([], [Amps.Zero, Amps.Zero, Amps.Zero], 3, 0, new Dictionary<string, double> { [LimitIds.MainFuse] = 3 }, Amps.From(1), Amps.Zero, 0, 3600, 0, 0);
        var allowed = Write(Assert_("assert: [\"limitViolationSteadySeconds == 0\"]"), excess);
        Assert.Contains("PASS, with limits exceeded as the assertions allow: a current limit was exceeded for 3 s (all of it transient, inside reaction windows)</p>", allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grid_section_names_each_device_its_damage_and_its_worst_episode()
    {
        // The bundled welder site's 63 A gG link: 30 arcs of 30 s at 108 A, worst 1.146, typical 0.113 (worked by hand there).
        var html = WriteBundled("trip-risk-63a-gg.yaml");

        Assert.Contains("<tr><td>grid main fuse (63 A gG)</td><td>78.8 A</td><td>1.146</td><td>0.113</td><td>15 min</td><td>2026-06-01 10:43:40, 30 s, up to 108.0 A on L1</td><td>trip possible (a fast, still compliant device)</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<th>main fuse</th><td>63 A gG</td>", html, StringComparison.Ordinal);
        Assert.Contains("inside reaction windows); the grid main fuse (63 A gG) may have tripped: damage 1.146 against the fastest device the standard allows, 0.113 typical</p>", html, StringComparison.Ordinal);
        Assert.Contains("<th>limit</th><td>4.6 kVA / 230 V = 20.0 A between the most and the least loaded phase</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dimmed_site_shows_P_min_with_its_arithmetic_and_what_charging_did()
    {
        var html = WriteBundled("14a-dimming.yaml");

        Assert.Contains("<th>P_min</th><td>4.2 kW + (2 − 1) &#215; 0.80 &#215; 4.2 kW = 7.56 kW; at whole amps 10.0 A per phase, 6.90 kW</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>charging above the request</th><td>3 s, up to 3.48 kW above, 0.00 kWh in all</td>", html, StringComparison.Ordinal);
        Assert.Contains("<th>grid operator</th><td>&#167;14a dimming 2026-06-01 06:30–2026-06-01 07:00, 2026-06-01 17:00–2026-06-01 19:00, by the meter&#39;s digital input</td>", html, StringComparison.Ordinal);
    }
}
