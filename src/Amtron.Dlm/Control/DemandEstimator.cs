using Amtron.Dlm.Units;

namespace Amtron.Dlm.Control;

/// <summary>
/// Demand estimation: what the master learns about a vehicle from its draw between decisions — the phases it charges
/// on, a demand ceiling when it draws clearly less than signalled (capped at its draw, probed upward again later),
/// and whether to wake it (offered current, drawing nothing). A draw is only judged once the vehicle has had the
/// reaction allowance to follow its last signal: before that, a vehicle still on its old current is not under-drawing.
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
        LearnPhases(session, observation, estimation.PhaseDetectionThreshold);
        if (!CanJudge(session, now))
        {
            // Still within its reaction allowance: what it draws may be what it was told before.
            return false;
        }

        session.Judged = true;
        var signalled = Amps.From(session.LastSignalled);
        var offered = session.LastSignalled >= DlmConstants.MinimumChargingCurrentWholeAmps;
        session.NotDrawing = offered && draw < estimation.PhaseDetectionThreshold;
        var wake = false;
        if (session.NotDrawing)
        {
            // Offered current, drawing nothing: asleep, or not ready. Wake it if allowed, else treat as no demand.
            if (options.AllowEvWakeup && (session.LastWakeup is not { } last || now - last >= options.WakeupRetryInterval))
            {
                session.LastWakeup = now;
                session.SignalChanged(now);
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
        else if (offered && session.Cap is { } cap && (session.Probing || draw >= cap + estimation.UnderDrawThreshold))
        {
            // It takes all it is given above its old cap (a probe answered, or more than its cap while its satellite
            // had lost the master): the cap no longer says what it can take, so it gets its share and is judged again.
            session.Cap = null;
            session.Probing = false;
            session.ProbeInterval = estimation.ProbeInterval;
        }

        if (session.Cap is { } capped && !wake && now >= session.NextProbe)
        {
            session.CapBeforeProbe = capped;
            session.Cap = Amps.Min(Amps.Max(capped + estimation.ProbeStep, DlmConstants.MinimumChargingCurrent), observation.InstallationCurrentLimit);
            session.Probing = true;
            session.NextProbe = now + session.ProbeInterval;
        }

        return wake;
    }

    /// <summary>
    /// How much less than it is given a vehicle will draw, on each of its phases. Judged at this decision (it has
    /// followed its signal): what it draws below its cap (just learned) or else its signal — less than the under-draw
    /// threshold, or a trickle below the 6 A minimum it keeps as its slot. Not judged yet: a trickle its cap was learned
    /// from, else nothing.
    /// </summary>
    public static Amps ShortOfSignal(VehicleSession session, in ChargePointObservation observation)
    {
        if (session.LastSignalled >= DlmConstants.MinimumChargingCurrentWholeAmps && session.Judged)
        {
            var given = session.Cap is { } cap ? Amps.Min(cap, Amps.From(session.LastSignalled)) : Amps.From(session.LastSignalled);
            return Amps.Max(Amps.Zero, given - PeakDraw(observation.MeasuredCurrents));
        }

        return session.Cap is null ? Amps.Zero : Amps.Max(Amps.Zero, DlmConstants.MinimumChargingCurrent - session.CapDraw);
    }

    /// <summary>A vehicle's draw: the highest of its phase currents (its other phases may be unused).</summary>
    public static Amps PeakDraw(PhaseCurrents measured) => Amps.Max(Amps.Max(measured.L1, measured.L2), measured.L3);

    /// <summary>Whether the vehicle has had more than the reaction allowance to follow its signal (strictly: one that reacts in exactly that time may not show it yet).</summary>
    public bool CanJudge(VehicleSession session, DateTimeOffset now) => now - session.SignalChangedAt > options.ReactionAllowance;

    /// <summary>The first instant at which <see cref="CanJudge"/> turns true.</summary>
    public DateTimeOffset JudgeableFrom(VehicleSession session) => session.SignalChangedAt + options.ReactionAllowance + TimeSpan.FromTicks(1);

    /// <summary>
    /// Whether the next decision would learn something about this vehicle if its draw stayed as observed now (with
    /// the current just given): a cap to set or lower or to lift, a probe answered, a vehicle to wake. When no vehicle
    /// would, the decision is a fixed point: deciding again on unchanged observations gives the same commands, so a
    /// caller that skips unchanged decisions need not look again until an observation changes or
    /// <see cref="DlmController.NextTimer"/> is due. Conservative: true whenever unsure.
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
            return session.Cap is not { } cap || CapFor(draw) != cap || session.Probing;
        }

        return session.Probing || (offered && session.Cap is { } limit && draw >= limit + estimation.UnderDrawThreshold);
    }

    /// <summary>The phases it charges on: those of its connector on which it draws.</summary>
    private static void LearnPhases(VehicleSession session, in ChargePointObservation observation, Amps threshold)
    {
        var measured = observation.MeasuredCurrents;
        var drawingPhases = 0;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            // Stryker disable once Assignment : each phase sets its own bit once: or and xor agree
            drawingPhases |= measured[p] >= threshold ? 1 << p : 0;
        }

        if ((drawingPhases & observation.ConnectorPhases.Mask) != 0)
        {
            session.Phases = PhaseSet.FromMask(drawingPhases & observation.ConnectorPhases.Mask);
        }
    }

    /// <summary>The demand ceiling a vehicle drawing <paramref name="draw"/> is capped at: its draw plus the margin, rounded up to whole amps.</summary>
    private Amps CapFor(Amps draw)
    {
        var estimation = options.DemandEstimation;
        var capped = Amps.From((draw + estimation.CapMargin + Amps.FromMilliamps(Amps.MilliampsPerAmp - 1)).FloorWholeAmps);

        // A vehicle that still draws keeps its slot at the minimum, rather than being paused for drawing little.
        return draw >= estimation.PhaseDetectionThreshold ? Amps.Max(capped, DlmConstants.MinimumChargingCurrent) : capped;
    }

    private void Cap(VehicleSession session, Amps draw, DateTimeOffset now)
    {
        var estimation = options.DemandEstimation;
        var capped = CapFor(draw);
        // A lower cap is learned; a higher one only from a vehicle that drew more than its cap (while its satellite
        // had lost the master): it can take that much.
        if (session.Cap is null || capped < session.Cap || (capped > session.Cap && !session.Probing))
        {
            if (session.Probing)
            {
                session.Probing = false;
                if (capped > session.CapBeforeProbe)
                {
                    // It took part of the probe: its ceiling rose, so look again soon.
                    session.ProbeInterval = estimation.ProbeInterval;
                }
                else
                {
                    // A probe the vehicle did not take: wait longer before the next, so the others' currents are not
                    // disturbed every few minutes by a vehicle that cannot take more (e.g. a small on-board charger).
                    var longer = session.ProbeInterval * estimation.ProbeBackoff;
                    // Stryker disable once Equality : on a tie both branches give the maximum
                    session.ProbeInterval = longer < estimation.MaximumProbeInterval ? longer : estimation.MaximumProbeInterval;
                }
            }

            session.Cap = capped;
            session.CapDraw = draw;
            session.NextProbe = now + session.ProbeInterval;
        }
    }
}
