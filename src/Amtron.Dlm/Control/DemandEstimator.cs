using Amtron.Dlm.Units;

namespace Amtron.Dlm.Control;

/// <summary>
/// Demand estimation: what the master learns about a vehicle from its draw between decisions — the phases it charges
/// on, a demand ceiling when it draws clearly less than signalled (capped near its draw, probed upward again later),
/// and whether to wake it (offered current, drawing nothing).
/// </summary>
internal sealed class DemandEstimator(DlmControllerOptions options)
{
    /// <summary>
    /// Updates what the master knows about a vehicle from its draw since the last decision. Returns true when the
    /// vehicle should be woken: it was offered current, draws nothing, and Allow EV Wakeup is on.
    /// </summary>
    public bool Learn(VehicleSession session, in ChargePointObservation observation, DateTimeOffset now)
    {
        var estimation = options.DemandEstimation;
        var measured = observation.MeasuredCurrents;
        var draw = PeakDraw(measured);
        var drawingPhases = 0;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            drawingPhases |= measured[p] >= estimation.PhaseDetectionThreshold ? 1 << p : 0;
        }

        if ((drawingPhases & observation.ConnectorPhases.Mask) != 0)
        {
            session.Phases = PhaseSet.FromMask(drawingPhases & observation.ConnectorPhases.Mask);
        }

        var signalled = Amps.From(session.LastSignalled);
        var offered = session.LastSignalled >= DlmConstants.MinimumChargingCurrentWholeAmps;
        session.NotDrawing = offered && draw < estimation.PhaseDetectionThreshold;
        var wake = false;
        if (offered && draw < estimation.PhaseDetectionThreshold)
        {
            // Offered current, drawing nothing: asleep, or not ready. Wake it if allowed, else treat as no demand.
            if (options.AllowEvWakeup && (session.LastWakeup is not { } last || now - last >= options.WakeupRetryInterval))
            {
                session.LastWakeup = now;
                wake = true;
            }
            else
            {
                Cap(session, draw, now);
            }
        }
        else if (offered && draw <= signalled - estimation.UnderDrawThreshold)
        {
            Cap(session, draw, now);
        }
        else if (session.Probing)
        {
            // The vehicle took what the probe offered: it may want more soon, so probe at the base interval again.
            session.Probing = false;
            session.ProbeInterval = estimation.ProbeInterval;
        }

        if (session.Cap is { } cap && !wake && now >= session.NextProbe)
        {
            session.Cap = Amps.Min(Amps.Max(cap + estimation.ProbeStep, DlmConstants.MinimumChargingCurrent), observation.InstallationCurrentLimit);
            session.Probing = true;
            session.NextProbe = now + session.ProbeInterval;
        }

        return wake;
    }

    /// <summary>A vehicle's draw: the highest of its phase currents (its other phases may be unused).</summary>
    public static Amps PeakDraw(PhaseCurrents measured) => Amps.Max(Amps.Max(measured.L1, measured.L2), measured.L3);

    /// <summary>The demand ceiling a vehicle drawing <paramref name="draw"/> is capped at: its draw plus a margin, in whole amps.</summary>
    private Amps CapFor(Amps draw)
    {
        var estimation = options.DemandEstimation;
        var capped = Amps.From((draw + estimation.CapMargin + Amps.FromMilliamps(Amps.MilliampsPerAmp - 1)).FloorWholeAmps);

        // A vehicle that still draws keeps its slot at the minimum, rather than being paused for drawing little.
        return draw >= estimation.PhaseDetectionThreshold ? Amps.Max(capped, DlmConstants.MinimumChargingCurrent) : capped;
    }

    /// <summary>
    /// Whether the next decision would learn something about this vehicle if its draw stayed as observed now (with
    /// the current just given): a cap to set or lower, a probe answered, a vehicle to wake. When no vehicle would,
    /// the decision is a fixed point: deciding again on unchanged observations gives the same commands, so a caller
    /// that skips unchanged decisions need not look again until an observation changes or <see cref="DlmController.NextTimer"/>
    /// is due. Conservative: true whenever unsure.
    /// </summary>
    public bool WouldLearn(VehicleSession session, in ChargePointObservation observation)
    {
        var estimation = options.DemandEstimation;
        var draw = PeakDraw(observation.MeasuredCurrents);
        var offered = session.LastSignalled >= DlmConstants.MinimumChargingCurrentWholeAmps;
        if (offered && draw < estimation.PhaseDetectionThreshold)
        {
            return true;
        }

        if (offered && draw <= Amps.From(session.LastSignalled) - estimation.UnderDrawThreshold)
        {
            return session.Cap is not { } cap || CapFor(draw) < cap || session.Probing;
        }

        return session.Probing;
    }

    private void Cap(VehicleSession session, Amps draw, DateTimeOffset now)
    {
        var estimation = options.DemandEstimation;
        var capped = CapFor(draw);
        if (session.Cap is null || capped < session.Cap)
        {
            if (session.Probing)
            {
                // A probe the vehicle did not take: wait longer before the next, so the others' currents are not
                // disturbed every few minutes by a vehicle that cannot take more (e.g. a small on-board charger).
                session.Probing = false;
                var longer = session.ProbeInterval * estimation.ProbeBackoff;
                session.ProbeInterval = longer < estimation.MaximumProbeInterval ? longer : estimation.MaximumProbeInterval;
            }

            session.Cap = capped;
            session.NextProbe = now + session.ProbeInterval;
        }
    }
}
