using Amtron.Dlm.Units;
using Amtron.Sim.Results;
using Amtron.Sim.Runtime;
using Amtron.Site.Model;
using Amtron.Site.Scenarios;

namespace Amtron.Sim.Tests.Runtime;

/// <summary>
/// Independent DLM networks run in parallel and their logs are replayed into one ledger. The result must be the one
/// thread's result exactly: every KPI, the order of the violated limits, every limit excursion, every byte of the time
/// series.
/// </summary>
public sealed class ParallelRunTests
{
    /// <summary>
    /// Three networks on one grid connection: a meter excluding the charge points with the downgrade input, a
    /// standalone master, a scheduler, an operator change, a satellite outage, house loads stepping, and a main fuse
    /// small enough to be exceeded (so the order in which limits are first violated matters).
    /// </summary>
    private const string ThreeNetworks = """
        name: three networks
        seed: 7
        start: 2026-03-02T00:00:00Z
        duration: 2d
        grid: {mainFuse: 90}
        meter: {pollInterval: 10s, digitalInput: [{from: 17h, to: 19h}], measures: externalConsumers}
        externalLoads:
          - {name: house, daily: [{at: "06:30", currents: [12, 4, 6]}, {at: "18:00", currents: [25, 10, 14]}, {at: "22:15", currents: [3, 2, 2]}]}
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 63, currentImbalancePrevention: true, currentImbalanceLimit: 16, externalMeter: {location: excluding, mainDistributionLimit: 80}, meterDigitalInputCurrentOffset: 20}
            operatorLimitChanges: [{at: 1d8h, limit: 40}]
            stations:
              - {id: A1, role: masterWithInternalSlave, chargePoints: [{id: A1P, installationCurrentLimit: 32}]}
              - {id: A2, role: slaveAutoDiscovery, outages: [{from: 10h, to: 12h}], disconnectedLimit: 10, chargePoints: [{id: A2P, installationCurrentLimit: 32, phaseRotation: [L2, L3, L1]}]}
              - {id: A3, role: slaveAutoDiscovery, chargePoints: [{id: A3P, installationCurrentLimit: 16, phaseRotation: [L3]}]}
          - id: 1
            settings: {evseSubDistributionLimit: 40, maximumCurrentScheduler: [{hour: 0, limit: 40}, {hour: 9, limit: 20}, {hour: 15, limit: 32}]}
            queueing: roundRobin
            rotationInterval: 20m
            stations:
              - {id: B1, role: masterWithInternalSlave, chargePoints: [{id: B1P, installationCurrentLimit: 32}, {id: B1Q, installationCurrentLimit: 32}]}
              - {id: B2, role: slaveFixedIp, chargePoints: [{id: B2P, installationCurrentLimit: 32}]}
          - id: 2
            settings: {evseSubDistributionLimit: 32}
            stations:
              - {id: C1, role: masterStandalone, chargePoints: [{id: C1P, installationCurrentLimit: 16}]}
              - {id: C2, role: slaveAutoDiscovery, chargePoints: [{id: C2P, installationCurrentLimit: 32}, {id: C2Q, installationCurrentLimit: 32, phaseRotation: [L2]}]}
        vehicles:
          defaults: {batteryKWh: 50, initialSoc: 0.2}
          generator:
            arrivalsPerHour: [0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 2, 4, 4, 3, 2, 2, 2, 2, 2, 2, 3, 3, 2, 1, 1, 0.5, 0.3, 0.2]
            dwellHours: {mean: 4, sd: 2}
            energyKWh: {mean: 15, sd: 8}
            maxCurrent: [{value: 16, share: 0.5}, {value: 32, share: 0.4}, {value: 10, share: 0.1}]
            phases: [{value: 3, share: 0.7}, {value: 1, share: 0.3}]
        """;

    [Theory]
    [MemberData(nameof(DecisionSkippingTests.Scenarios), MemberType = typeof(DecisionSkippingTests))]
    public void Every_bundled_scenario_gives_the_same_result_in_parallel(string file)
    {
        var site = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", file)).Site;
        AssertSameAsOneThread(site, 2);
    }

    [Fact]
    public void Three_networks_with_meter_schedule_outage_and_standalone_master_give_the_one_thread_result()
    {
        var site = ScenarioLoader.Parse(ThreeNetworks, "three.yaml").Site;
        var (result, _) = AssertSameAsOneThread(site, 2);
        AssertSameAsOneThread(site, 3);
        // Every generated vehicle is one session. The rest guards the input, not a result: the site must be busy (the
        // arrivals per hour add up to 37.5 a day, Poisson, so 75 +- 8.7 in two days) and exceed at least two limits,
        // so that the order in which limits are first exceeded, which the one-thread result fixes, is tested.
        Assert.Equal(site.Vehicles.Count, result.Sessions.Count);
        Assert.True(site.Vehicles.Count > 60, $"{site.Vehicles.Count} sessions in two days");
        Assert.True(result.LimitViolationSecondsByLimit.Count >= 2, string.Join(", ", result.LimitViolationSecondsByLimit.Keys));
        Assert.True(result.LimitExcursions.Count >= 2);
    }

    [Fact]
    public void Named_devices_and_a_dimmed_site_give_the_one_thread_grid_figures()
    {
        // The three networks with the main fuse and network 1's line as devices, and the operator dimming on day 2 through
        // the meter's input: every point's grant is logged by its partition and replayed.
        var text = ThreeNetworks
            .Replace("grid: {mainFuse: 90}", "grid: {mainFuse: {rating: 90, type: gG}}\ngridOperator: {signal: digitalInput, dimming: [{from: 1d7h, to: 1d9h}, {from: 1d17h, to: 1d20h}]}", StringComparison.Ordinal)
            .Replace("    queueing: roundRobin\n", "    queueing: roundRobin\n    supplyLineCapacity: {rating: 40, type: mcbC}\n", StringComparison.Ordinal);
        var site = ScenarioLoader.Parse(text, "three.yaml").Site;

        var (result, _) = AssertSameAsOneThread(site, 3);

        // Guards of the input: both devices named, both windows dimmed, and charging in them.
        Assert.Equal(["mainFuse", "network1.supplyLine"], result.Devices.Select(d => d.Id));
        Assert.Equal((2, TimeSpan.FromHours(5)), (result.Dimming!.Windows, result.Dimming.Dimmed));
        Assert.True(result.Dimming.EnergyWhileDimmedKWh > 0);
    }

    [Fact]
    public void Two_days_of_the_year_car_park_give_the_one_thread_result_in_2_and_5_partitions()
    {
        var site = YearCarPark.Days(9, 2);
        AssertSameAsOneThread(site, 2);
        AssertSameAsOneThread(site, 5);
    }

    [Fact]
    public void A_meter_including_the_charge_points_keeps_the_site_on_one_thread()
    {
        // Its networks see each other's draw through the meter; the run must still be right (and is one thread). The
        // second network has no meter and no station: the site runs as without it.
        var site = ScenarioLoader.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "6.3.2-apartments-meter-including.yaml")).Site;
        var empty = site.Networks[0] with { Id = 9, Stations = [], Settings = site.Networks[0].Settings with { ExternalMeter = null } };
        var two = site with { Networks = [site.Networks[0], empty] };
        var (result, _) = AssertSameAsOneThread(two, 2);
        var alone = new SiteSimulation(site).Run();
        Assert.Equal(alone.Sessions, result.Sessions);
        Assert.Equal(alone.MaxPhaseCurrent, result.MaxPhaseCurrent);
        Assert.Equal(alone.LimitViolationSeconds, result.LimitViolationSeconds);
    }

    [Fact]
    public void Loads_whose_steps_interleave_are_replayed_in_time_order()
    {
        // The replay lists every load's steps: one load's at 10, 30, 50 min, the other's at 20, 40 min.
        var site = ScenarioLoader.Parse(
            """
            name: interleaved loads
            start: 2026-06-01T00:00:00Z
            duration: 1h
            grid: {mainFuse: 40}
            externalLoads:
              - {name: a, daily: [{at: "00:10", currents: 30}, {at: "00:30", currents: 5}, {at: "00:50", currents: 20}]}
              - {name: b, daily: [{at: "00:20", currents: [12, 0, 0]}, {at: "00:40", currents: 0}]}
            networks:
              - id: 0
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M0, role: masterWithInternalSlave, chargePoints: [{id: P0, installationCurrentLimit: 16}]}
              - id: 1
                settings: {evseSubDistributionLimit: 32}
                stations:
                  - {id: M1, role: masterWithInternalSlave, chargePoints: [{id: P1, installationCurrentLimit: 16}]}
            vehicles:
              sessions:
                - {id: A, chargePoint: P0, arrival: 5m, departure: 55m, batteryKWh: 100, initialSoc: 0, energyKWh: 50, maxCurrent: 16}
            """,
            "interleaved.yaml").Site;
        var (one, _) = AssertSameAsOneThread(site, 2);
        Assert.True(one.LimitViolationSeconds > 0);
    }

    private static (SimulationResult Result, string Csv) AssertSameAsOneThread(SiteSpec site, int partitions)
    {
        var (one, oneCsv) = Run(site, 1);
        var (parallel, parallelCsv) = Run(site, partitions);
        Assert.Equal(oneCsv, parallelCsv);
        Assert.Equal(one.Sessions, parallel.Sessions);
        Assert.Equal(one.MaxPhaseCurrent, parallel.MaxPhaseCurrent);
        Assert.Equal(one.LimitViolationSeconds, parallel.LimitViolationSeconds);
        Assert.Equal(one.ImbalanceViolationSeconds, parallel.ImbalanceViolationSeconds);
        Assert.Equal(one.LimitViolationSecondsByLimit.ToList(), parallel.LimitViolationSecondsByLimit.ToList());
        Assert.Equal(one.LimitExcursions, parallel.LimitExcursions);
        Assert.Equal(one.PeakOvershoot, parallel.PeakOvershoot);
        Assert.Equal(one.MaxImbalance, parallel.MaxImbalance);
        Assert.Equal(one.ContactorCycles, parallel.ContactorCycles);
        Assert.Equal(one.Events, parallel.Events);
        Assert.Equal(one.Decisions, parallel.Decisions);
        Assert.Equal(one.LimitViolationSteadySeconds, parallel.LimitViolationSteadySeconds);
        Assert.Equal(one.ImbalanceViolationSteadySeconds, parallel.ImbalanceViolationSteadySeconds);
        Assert.Equal(one.EnergyWithheldKWh, parallel.EnergyWithheldKWh, one.EnergyWithheldKWh * 1e-12); // summed per partition: rounding differs
        Assert.Equal(one.Unbalance, parallel.Unbalance);
        Assert.Equal(one.Devices.Select(Figures), parallel.Devices.Select(Figures));
        Assert.Equal(Figures(one.Dimming), Figures(parallel.Dimming));
        return (one, oneCsv);
    }

    private static string Figures(DeviceRisk d) =>
        $"{d.Id} {d.Damage.MaxWorst:R} {d.Damage.MaxTypical:R} {d.Damage.MaxWorstAt} {d.Damage.AboveNonTrip} {d.Damage.WorstEpisode} {string.Join(";", d.Damage.Samples)}";

    private static object? Figures(Grid.Dimming.DimmingCompliance? d) => d is null ? null
        : (d.Dimmed, d.NotDimmed, d.EnergyAboveRequestKWh, d.MaxExcessKW, d.BelowMinimum, d.MaxShortfallKW, d.MaxLatency, d.Windows, d.EnergyWhileDimmedKWh);

    private static (SimulationResult, string) Run(SiteSpec site, int partitions)
    {
        using var text = new StringWriter();
        var result = new SiteSimulation(site, new CsvTimeSeriesWriter(text), new SiteSimulationOptions { MaxPartitions = partitions }).Run();
        return (result, text.ToString());
    }
}

/// <summary>The worker thread that writes a parallel run's rows: order kept, failures reach the caller, no hang.</summary>
public sealed class BackgroundSinkTests
{
    [Fact]
    public void A_failing_writer_fails_the_run_instead_of_hanging_it()
    {
        var site = YearCarPark.Days(0, 3);
        var error = Assert.Throws<IOException>(() => new SiteSimulation(site, new FailingSink(afterRows: 700), new SiteSimulationOptions { MaxPartitions = 5 }).Run());
        Assert.Equal("disk full", error.Message);
    }

    [Fact]
    public void Rows_reach_the_inner_sink_in_order_across_batches()
    {
        var inner = new RecordingSink();
        using (var sink = new BackgroundSink(inner))
        {
            sink.Begin([0], ["P"]);
            for (var i = 0; i < 2000; i++)
            {
                sink.Row(DateTimeOffset.UnixEpoch.AddSeconds(i), PhaseCurrents.Zero, [PhaseCurrents.Zero], [Amps.FromMilliamps(i)]);
            }

            sink.Finish(DateTimeOffset.UnixEpoch.AddSeconds(2000));
        }

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), inner.Points);
        Assert.True(inner.Finished);
    }

    [Fact]
    public void A_failure_after_the_last_batch_is_sent_comes_out_of_finish()
    {
        using var sink = new BackgroundSink(new FailingSink(afterRows: 10));
        sink.Begin([0], ["P"]);
        for (var i = 0; i < 20; i++)
        {
            sink.Row(DateTimeOffset.UnixEpoch.AddSeconds(i), PhaseCurrents.Zero, [PhaseCurrents.Zero], [Amps.Zero]);
        }

        var error = Assert.Throws<IOException>(() => sink.Finish(DateTimeOffset.UnixEpoch.AddSeconds(20)));
        Assert.Equal("disk full", error.Message);
    }

    [Fact]
    public void A_failure_while_rows_still_come_stops_the_producer_with_that_error()
    {
        using var sink = new BackgroundSink(new FailingSink(afterRows: 0));
        sink.Begin([0], ["P"]);

        // Far more rows than the channel holds: the producer must meet the error, not wait for room forever.
        var error = Assert.Throws<IOException>(() =>
        {
            for (var i = 0; i < 1_000_000; i++)
            {
                sink.Row(DateTimeOffset.UnixEpoch.AddSeconds(i), PhaseCurrents.Zero, [PhaseCurrents.Zero], [Amps.Zero]);
            }
        });
        Assert.Equal("disk full", error.Message);
    }

    private sealed class FailingSink(int afterRows) : ITimeSeriesSink
    {
        private int _rows;

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
        {
        }

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints)
        {
            if (++_rows > afterRows)
            {
                throw new IOException("disk full");
            }
        }

        public void Finish(DateTimeOffset time)
        {
        }
    }

    private sealed class RecordingSink : ITimeSeriesSink
    {
        public List<long> Points { get; } = [];

        public bool Finished { get; private set; }

        public void Begin(IReadOnlyList<int> networkIds, IReadOnlyList<string> chargePointIds)
        {
        }

        public void Row(DateTimeOffset time, PhaseCurrents supply, ReadOnlySpan<PhaseCurrents> available, ReadOnlySpan<Amps> chargePoints) =>
            Points.Add(chargePoints[0].Milliamps);

        public void Finish(DateTimeOffset time) => Finished = true;
    }
}

/// <summary>Failures in a parallel run: the first real error reaches the caller, whoever raised it.</summary>
public sealed class ParallelFailureTests
{
    private static SiteSpec Days(int days) => YearCarPark.Days(0, days);

    [Fact]
    public void A_partition_that_fails_fails_the_run_with_its_own_error()
    {
        var site = Days(5);
        var broken = site.Vehicles[3] with { Arrival = site.Start.AddHours(-1) };
        site = site with { Vehicles = [.. site.Vehicles.Select((v, i) => i == 3 ? broken : v)] };
        Assert.Throws<ArgumentOutOfRangeException>(() => new SiteSimulation(site, null, new SiteSimulationOptions { MaxPartitions = 5 }).Run());
    }

    [Fact]
    public void A_progress_report_that_throws_ends_the_run_with_that_exception()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SiteSimulation(Days(20), null, new SiteSimulationOptions { MaxPartitions = 5 }).Run(new Throwing()));
        Assert.Equal("terminal gone", error.Message);
    }

    private sealed class Throwing : IProgress<double>
    {
        public void Report(double value) => throw new InvalidOperationException("terminal gone");
    }
}
