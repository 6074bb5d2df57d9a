using Amtron.Dlm;
using Amtron.Dlm.Units;
using Amtron.Sim.Kernel;
using Amtron.Site.Model;

namespace Amtron.Sim.Runtime;

/// <summary>
/// Live runs (<c>amtron run --serve-ems</c>): paced by a wall clock, with what an EMS writes applied at the simulated
/// instant it arrives and the state published for readers on other threads (<see cref="LiveSite"/>).
/// </summary>
public sealed partial class SiteSimulation
{
    private LiveSite? _live;

    /// <summary>The bridge to other threads: commands in, the published state out.</summary>
    public LiveSite Live => _live ??= new LiveSite(this);

    /// <summary>The site as run so far: as given, with the Operator limits an EMS wrote (so results show them).</summary>
    public SiteSpec Spec => _spec;

    /// <summary>
    /// Runs the whole period on one thread, <paramref name="speed"/> simulated seconds per second of
    /// <paramref name="clock"/>, applying <see cref="Live"/>'s commands as they arrive and publishing its state after
    /// every change. Cancelling stops the run (no result).
    /// </summary>
    public async Task<SimulationResult> RunRealtimeAsync(TimeProvider clock, double speed, CancellationToken cancellationToken)
    {
        var driver = new RealtimeDriver(_sim, clock, speed);
        _ledger = new SiteLedger(_spec, _pointIds, _sink);
        _ledger.Start(_spec.ExternalLoadAt(_spec.Start));
        _changes = _ledger;
        RecordDraw();
        ScheduleOwned();
        await driver.RunAsync(_spec.End, Live.Commands, Live.Publish, cancellationToken).ConfigureAwait(false);
        FinishOwned();
        _ledger.Finish((_spec.End - _spec.Start).Ticks);
        return ResultOf(_ledger, [this]);
    }

    /// <summary>
    /// An EMS wrote <paramref name="amps"/> to the HEMS current limit of <paramref name="pointId"/> now (manual 6.4). On
    /// the master of a network whose other stations do not serve the EMS interface it is the network's Operator EVSE
    /// Sub-Distribution Limit, on every phase; on any other station it caps that point. Unknown points are ignored.
    /// </summary>
    internal void ApplyEmsLimit(string pointId, int amps)
    {
        if (!_chargePoints.TryGetValue(pointId, out var cp) || !cp.Station.Ems.Server)
        {
            return;
        }

        if (cp.Network is { } network && ControlsNetwork(network, cp.Station))
        {
            if (network.Master.WriteOperatorLimit(_sim.Now, PhaseCurrents.Uniform(amps)))
            {
                BeforeChange();
                _ledger!.NetworkChanged(network.Index, network.Spec);
                _spec = _spec with { Networks = [.. _spec.Networks.Select((n, i) => i == network.Index ? network.Spec : n)] };
                MarkTransient(network);
                EnsureLoop(network);
            }

            return;
        }

        var cap = Amps.From(amps);
        if (cp.EmsCap == cap)
        {
            return;
        }

        cp.EmsCap = cap;
        if (cp.Network is { } managing)
        {
            MarkTransient(managing);
            EnsureLoop(managing);
        }
        else if (cp.Vehicle is not null)
        {
            SetSignal(cp, StandaloneSignal(cp));
        }
    }

    /// <summary>
    /// Whether the EMS interface of <paramref name="station"/> controls its whole network: it is the network's master
    /// and no other station of it serves the interface (manual 6.4: "only ... in the web interface of the DLM Master").
    /// </summary>
    private static bool ControlsNetwork(NetworkRuntime network, StationSpec station) =>
        station.Role == StationRole.MasterWithInternalSlave
        && network.Spec.Stations.All(s => ReferenceEquals(s, station) || s.Id == station.Id || !s.Ems.Server);

    /// <summary>A standalone master's own point is not load-managed: it offers its Installation Current Limit, or its EMS's cap.</summary>
    private static int StandaloneSignal(ChargePointRuntime cp)
    {
        var limit = cp.EmsCap is { } cap ? Amps.Min(cap, cp.Spec.InstallationCurrentLimit) : cp.Spec.InstallationCurrentLimit;
        return (int)Math.Max(0, limit.FloorWholeAmps);
    }

    /// <summary>The state now, as a meter and each charge point's EMS interface would show it.</summary>
    internal LiveSnapshot Snapshot()
    {
        var now = _sim.ElapsedTicks;
        var points = new LivePoint[_pointIds.Count];
        foreach (var cp in _chargePoints.Values)
        {
            points[cp.Index] = PointNow(cp, now);
        }

        var draw = _ledger?.Draw ?? PhaseCurrents.Zero;
        var external = _spec.ExternalLoadAt(_sim.Now);
        var digitalInput = _spec.DigitalInputAt(_sim.Now);
        return new LiveSnapshot(_sim.Now, points, external, draw, MeterNow(external, draw))
        {
            MeterFailed = _spec.Meter is { } meter && meter.FailedAt(_sim.Now),
            DigitalInput = digitalInput,
            DlmLimits = [.. _spec.Networks.Select(n => n.DlmLimitAt(_sim.Now, digitalInput))],
        };
    }

    private LivePoint PointNow(ChargePointRuntime cp, long now)
    {
        var vehicle = cp.Vehicle;
        var sessionWh = vehicle?.DeliveredWhAt(now) ?? 0;
        var phases = vehicle?.GridPhases.Count ?? 0;
        return new LivePoint(cp.Spec.Id)
        {
            VehicleConnected = vehicle is not null,
            Charging = cp.ContactorClosed,
            Drawing = vehicle is { Draw.Milliamps: > 0 },
            SignalledAmps = cp.Signalled,
            EvMaximumAmps = vehicle is null ? 0 : (int)Math.Max(0, vehicle.Ceiling().FloorWholeAmps),
            InstallationLimitAmps = (int)Math.Max(0, cp.Spec.InstallationCurrentLimit.FloorWholeAmps),
            VehiclePhases = phases,
            Current = vehicle?.Draw ?? Amps.Zero,
            EnergyWh = [.. cp.EndedSessionsWh.Select((wh, p) => wh + (p < phases ? sessionWh / phases : 0))],
            SessionWh = sessionWh,
            SessionDuration = vehicle is null ? TimeSpan.Zero : _sim.Now - vehicle.Spec.Arrival,
            VehicleId = vehicle?.Spec.Id ?? string.Empty,
        };
    }

    /// <summary>What the site's meter measures now (no poll delay: a meter shows its present reading), or null without one.</summary>
    private PhaseCurrents? MeterNow(PhaseCurrents external, PhaseCurrents draw)
    {
        if (_spec.Meter is null)
        {
            return null;
        }

        return _spec.MeterIncludesDraw ? external + draw : external;
    }
}
