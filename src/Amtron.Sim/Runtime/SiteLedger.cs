using Amtron.Dlm.Units;
using Amtron.Grid.Connection;
using Amtron.Grid.Dimming;
using Amtron.Grid.Protection;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// The site's currents over time and what is measured from them: the supply at the grid connection, each network's
/// draw and available current, each point's draw; every limit checked exactly between changes (<see cref="Recorder"/>)
/// and one time-series row per instant at which something changed.
/// </summary>
internal sealed class SiteLedger : ISiteChanges
{
    private readonly SiteSpec _spec;
    private readonly ITimeSeriesSink? _sink;
    private readonly NetworkSpec[] _networks;
    private readonly NetworkLimits[] _limitIds;
    private readonly long[][] _networkDraw;
    private readonly long[] _drawMilliamps = new long[PhaseSet.PhaseCount];
    private readonly PhaseCurrents[] _available;
    private readonly Amps[] _points;
    private readonly byte[] _pointPhases;
    private readonly PhaseCurrents[] _networkDrawRow;

    /// <summary>Per network, then the site: until when time above a limit is transient (simulated ticks).</summary>
    private readonly long[] _transientUntil;
    private readonly long[] _transientWindows;
    private readonly TripDamage? _mainFuseDamage;
    private readonly TripDamage?[] _supplyLineDamage;
    private readonly DimmingAccount? _dimming;
    private PhaseCurrents _external;
    private long? _rowPendingTicks;

    /// <summary>A ledger of <paramref name="spec"/> whose charge points, in column order, are <paramref name="pointIds"/>.</summary>
    public SiteLedger(SiteSpec spec, IReadOnlyList<string> pointIds, ITimeSeriesSink? sink)
    {
        _spec = spec;
        _sink = sink;
        _networks = [.. spec.Networks];
        _limitIds = [.. _networks.Select(n => new NetworkLimits(n.Id))];
        _networkDraw = [.. _networks.Select(_ => new long[PhaseSet.PhaseCount])];
        _available = new PhaseCurrents[_networks.Length];
        _points = new Amps[pointIds.Count];
        _pointPhases = new byte[pointIds.Count];
        _networkDrawRow = new PhaseCurrents[_networks.Length];
        _transientUntil = new long[_networks.Length + 1];
        _transientWindows = TransientWindows.Of(spec);
        Recorder = new Recorder(spec.Start);
        _mainFuseDamage = spec.MainFuseDevice is { } fuse ? new TripDamage(fuse) : null;
        _supplyLineDamage = [.. _networks.Select(n => n.SupplyLineDevice is { } line ? new TripDamage(line) : null)];
        Unbalance = new ConnectionUnbalance(spec.VoltageV);
        _dimming = spec.GridOperator is { } gridOperator ? new DimmingAccount(spec, gridOperator, pointIds.Count) : null;
        _sink?.Begin([.. _networks.Select(n => n.Id)], pointIds);
    }

    /// <summary>The limits and loads integrated so far.</summary>
    public Recorder Recorder { get; }

    /// <summary>The named protective devices' trip risk: the main fuse first, then each network's supply line.</summary>
    public IReadOnlyList<DeviceRisk> Devices =>
    [
        .. _mainFuseDamage is { } main ? [new DeviceRisk(LimitIds.MainFuse, main)] : Array.Empty<DeviceRisk>(),
        .. _networks.Select((n, i) => (Id: LimitIds.SupplyLine(n.Id), Damage: _supplyLineDamage[i]))
            .Where(d => d.Damage is not null).Select(d => new DeviceRisk(d.Id, d.Damage!)),
    ];

    /// <summary>Unbalance at the grid connection point (VDE-AR-N 4100).</summary>
    public ConnectionUnbalance Unbalance { get; }

    /// <summary>How the site kept its grid operator's dimming; null when it is not dimmed.</summary>
    public DimmingCompliance? Dimming => _dimming?.Compliance;

    /// <summary>Sum of every point's draw per phase.</summary>
    public PhaseCurrents Draw => new(
        Amps.FromMilliamps(_drawMilliamps[0]), Amps.FromMilliamps(_drawMilliamps[1]), Amps.FromMilliamps(_drawMilliamps[2]));

    private PhaseCurrents Grid => _external + Draw;

    /// <summary>A network's settings changed (an EMS wrote its Operator limit); the interval up to now is accounted already.</summary>
    public void NetworkChanged(int network, NetworkSpec spec) => _networks[network] = spec;

    /// <summary>The state at the start: external loads as given, nothing drawn, nothing available; its row is due.</summary>
    public void Start(PhaseCurrents external)
    {
        _external = external;
        MarkChanged(0);
    }

    /// <inheritdoc />
    public void BeforeChange(long ticks)
    {
        AccountInterval(ticks);
        if (_sink is not null && _rowPendingTicks is { } pending && pending < ticks)
        {
            EmitRow(pending);
            _rowPendingTicks = null;
        }
    }

    /// <inheritdoc />
    public void PointDraw(long ticks, int point, int network, int phaseMask, Amps draw)
    {
        var delta = (draw - _points[point]).Milliamps;
        _points[point] = draw;
        _pointPhases[point] = (byte)phaseMask;
        Transient(ticks, network >= 0 ? network : _networks.Length, ticks + _transientWindows[network >= 0 ? network : _networks.Length]);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if ((phaseMask & (1 << p)) != 0)
            {
                _drawMilliamps[p] += delta;
                if (network >= 0)
                {
                    _networkDraw[network][p] += delta;
                }
            }
        }

        MarkChanged(ticks);
    }

    /// <inheritdoc />
    public void PointGrant(long ticks, int point, int phaseMask, Amps granted, Amps wanted) => _dimming?.PointGrant(point, phaseMask, granted, wanted);

    /// <inheritdoc />
    public void Available(long ticks, int network, PhaseCurrents available)
    {
        _available[network] = available;
        MarkChanged(ticks);
    }

    /// <inheritdoc />
    public void External(long ticks, PhaseCurrents external)
    {
        _external = external;
        MarkChanged(ticks);
        for (var n = 0; n < _networks.Length; n++)
        {
            if (_networks[n].Settings.ExternalMeter is not null)
            {
                Transient(ticks, n, ticks + _transientWindows[n]);
            }
        }

        Transient(ticks, _networks.Length, ticks + _transientWindows[^1]);
    }

    /// <inheritdoc />
    public void Transient(long ticks, int network, long untilTicks)
    {
        // A network's change also moves the site's fuse; the site's own window covers every network's.
        _transientUntil[network] = Math.Max(_transientUntil[network], untilTicks);
        _transientUntil[^1] = Math.Max(_transientUntil[^1], untilTicks);
    }

    /// <summary>Accounts up to the end of the period and writes the last row.</summary>
    public void Finish(long endTicks)
    {
        BeforeChange(endTicks);
        _dimming?.Finish();
        _sink?.Finish(_spec.Start.AddTicks(endTicks));
    }

    /// <summary>The row for this instant is written once time moves on (all changes at one instant make one row).</summary>
    // Stryker disable once Assignment : every change follows BeforeChange at its instant, which writes and clears an earlier pending row: what is pending is this instant or nothing
    private void MarkChanged(long ticks) => _rowPendingTicks ??= ticks;

    /// <summary>Accounts every limited point for the interval that ends now (the state that held since the last change).</summary>
    private void AccountInterval(long ticks)
    {
        var intervalStart = Recorder.LastTicks;
        var grid = Grid;
        if (!Recorder.BeginInterval(ticks, grid))
        {
            return;
        }

        var time = _spec.Start.AddTicks(intervalStart);
        var at = TimeSpan.FromTicks(intervalStart);
        var span = TimeSpan.FromTicks(ticks - intervalStart);
        _mainFuseDamage?.Advance(at, span, grid);
        Unbalance.Advance(span, grid, _external);
        _dimming?.Account(intervalStart, ticks, Draw);
        if (_spec.MainFuse is { } fuse)
        {
            Recorder.Check(LimitIds.MainFuse, grid, fuse, false, _transientUntil[^1]);
        }

        var digitalInput = _spec.DigitalInputAt(time);
        for (var n = 0; n < _networks.Length; n++)
        {
            var network = _networks[n];
            var ids = _limitIds[n];
            var draw = DrawOf(n);
            _supplyLineDamage[n]?.Advance(at, span, draw);
            var transientUntil = _transientUntil[n];
            Recorder.Check(ids.SubDistribution, draw, network.Settings.EvseSubDistributionLimit, false, transientUntil);
            Recorder.Check(ids.Dlm, draw, network.DlmLimitAt(time, digitalInput), false, transientUntil);
            if (network.Settings.CurrentImbalancePrevention)
            {
                // The imbalance rule as a limit on the most loaded phase: spread <= allowed, where it is measured.
                var (measured, allowed) = ImbalanceMeasure.Of(network, draw, _external);
                var lowest = Amps.Min(Amps.Min(measured.L1, measured.L2), measured.L3);
                Recorder.Check(ids.Imbalance, measured, new PhaseCurrents(lowest + allowed, lowest + allowed, lowest + allowed), true, transientUntil);
            }

            if (network.Settings.ExternalMeter is { } meter)
            {
                Recorder.Check(ids.MainDistribution, grid, meter.MainDistributionLimit, false, transientUntil);
            }
        }

        Recorder.EndInterval();
    }

    private void EmitRow(long ticks)
    {
        for (var n = 0; n < _networks.Length; n++)
        {
            _networkDrawRow[n] = DrawOf(n);
        }

        _sink!.Row(new SiteRow(_spec.Start.AddTicks(ticks), Grid, _external, _available, _networkDrawRow, _points, _pointPhases));
    }

    private PhaseCurrents DrawOf(int network)
    {
        var drawn = _networkDraw[network];
        return new PhaseCurrents(Amps.FromMilliamps(drawn[0]), Amps.FromMilliamps(drawn[1]), Amps.FromMilliamps(drawn[2]));
    }

    /// <summary>A network's limit ids, made once: the limits are checked at nearly every event.</summary>
    private sealed class NetworkLimits(int network)
    {
        public string SubDistribution { get; } = LimitIds.EvseSubDistribution(network);

        public string Dlm { get; } = LimitIds.Dlm(network);

        public string Imbalance { get; } = LimitIds.Imbalance(network);

        public string MainDistribution { get; } = LimitIds.MainDistribution(network);
    }
}
