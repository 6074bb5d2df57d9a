using Amtron.Dlm.Units;

namespace Amtron.Grid.Protection;

/// <summary>One moment of a device's damage figure (the largest of its phases) for a plot.</summary>
/// <param name="At">Since the start of the run.</param>
/// <param name="Worst">Damage against the fastest curve the standard allows.</param>
/// <param name="Typical">Damage against a typical device's curve.</param>
public readonly record struct DamageSample(TimeSpan At, double Worst, double Typical);

/// <summary>The overload episode that brought a device's worst-case damage to its maximum.</summary>
/// <param name="Start">Since the start of the run.</param>
/// <param name="Duration">How long some phase stayed above the non-tripping current.</param>
/// <param name="Peak">The highest current of the episode.</param>
/// <param name="Phase">The phase that carried it (0 = L1).</param>
public readonly record struct OverloadEpisode(TimeSpan Start, TimeSpan Duration, Amps Peak, int Phase);

/// <summary>
/// A device's thermal damage over a run, per phase, by Miner's rule with a thermal memory: while a phase carries more
/// than the conventional non-tripping current, its damage grows by Δt / t_curve(I); while it carries no more, the damage
/// decays as D·exp(−Δt / τ) with τ = <see cref="CoolingTimeConstant"/>. D ≥ 1 means the device would have opened. The
/// current is constant over each interval, so the figure is exact between events. Feed it every interval in order.
/// </summary>
public sealed class TripDamage
{
    /// <summary>The thermal memory's time constant (docs/grid.md: no published value for fuses; a middle assumption).</summary>
    public static readonly TimeSpan CoolingTimeConstant = TimeSpan.FromMinutes(10);

    /// <summary>A damage below this after cooling is taken as none (so a quiet year costs nothing).</summary>
    private const double Negligible = 1e-12;

    /// <summary>A plot sample is kept when a figure has moved this much since the last one (figures are exact anyway).</summary>
    private const double PlotResolution = 0.002;

    private readonly long _nonTripMilliamps;
    private readonly double[] _worst = new double[PhaseSet.PhaseCount];
    private readonly double[] _typical = new double[PhaseSet.PhaseCount];
    private readonly List<DamageSample> _samples = [];
    private bool _any;
    private bool _inEpisode;
    private bool _episodeHoldsMax;
    private OverloadEpisode _episode;
    private DamageSample? _pending;

    /// <summary>The damage of <paramref name="device"/> from a cold start.</summary>
    public TripDamage(ProtectiveDevice device)
    {
        Device = device ?? throw new ArgumentNullException(nameof(device));
        _nonTripMilliamps = device.NonTripCurrent.Milliamps;
    }

    /// <summary>The device.</summary>
    public ProtectiveDevice Device { get; }

    /// <summary>The largest damage against the fastest curve the standard allows, over phases and time.</summary>
    public double MaxWorst { get; private set; }

    /// <summary>The largest damage against a typical curve, over phases and time.</summary>
    public double MaxTypical { get; private set; }

    /// <summary>When <see cref="MaxWorst"/> was reached (since the start); zero when it is zero.</summary>
    public TimeSpan MaxWorstAt { get; private set; }

    /// <summary>Time during which some phase carried more than the non-tripping current.</summary>
    public TimeSpan AboveNonTrip { get; private set; }

    /// <summary>The episode that brought <see cref="MaxWorst"/> about; null when there was none.</summary>
    public OverloadEpisode? WorstEpisode => _episodeHoldsMax ? _episode : WorstClosedEpisode;

    /// <summary>Whether a device as fast as the standard allows may have opened (worst damage ≥ 1).</summary>
    public bool TripPossible => MaxWorst >= 1;

    /// <summary>Whether a typical device would have opened (typical damage ≥ 1).</summary>
    public bool TripExpected => MaxTypical >= 1;

    /// <summary>The damage over time (the largest phase's), sampled for a plot (the figures above are exact).</summary>
    public IReadOnlyList<DamageSample> Samples => _pending is { } last ? [.. _samples, last] : _samples;

    private OverloadEpisode? WorstClosedEpisode { get; set; }

    /// <summary>The device carried <paramref name="current"/> from <paramref name="at"/> (since the start) for <paramref name="span"/>.</summary>
    public void Advance(TimeSpan at, TimeSpan span, PhaseCurrents current)
    {
        var above = current.L1.Milliamps > _nonTripMilliamps || current.L2.Milliamps > _nonTripMilliamps || current.L3.Milliamps > _nonTripMilliamps;
        if (!above && !_any)
        {
            return;
        }

        var (worstBefore, typicalBefore) = (_worst.Max(), _typical.Max());
        if (above)
        {
            Overload(at, span, current, worstBefore, typicalBefore);
        }
        else
        {
            EndEpisode();
        }

        var seconds = span.TotalSeconds;
        var decay = Math.Exp(-seconds / CoolingTimeConstant.TotalSeconds);
        var any = false;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (current[p].Milliamps > _nonTripMilliamps)
            {
                var multiple = current[p].Value / Device.Rating.Value;
                _worst[p] += seconds / Device.SecondsToTrip(multiple, CurveEdge.Worst);
                _typical[p] += seconds / Device.SecondsToTrip(multiple, CurveEdge.Typical);
            }
            else
            {
                _worst[p] = Cooled(_worst[p], decay);
                _typical[p] = Cooled(_typical[p], decay);
            }

            any |= _worst[p] > 0;
        }

        _any = any;
        var end = at + span;
        var (worst, typical) = (_worst.Max(), _typical.Max());
        if (worst > MaxWorst)
        {
            // Damage rises only while overloaded: a new maximum is this episode's doing.
            MaxWorst = worst;
            MaxWorstAt = end;
            _episodeHoldsMax = true;
            WorstClosedEpisode = null;
        }

        MaxTypical = Math.Max(MaxTypical, typical);
        if (!above)
        {
            SampleCooling(at, end, worstBefore, typicalBefore);
        }

        Sample(new DamageSample(end, worst, typical), force: !any);
    }

    private static double Cooled(double damage, double decay) => damage * decay < Negligible ? 0 : damage * decay;

    private void Overload(TimeSpan at, TimeSpan span, PhaseCurrents current, double worst, double typical)
    {
        if (!_inEpisode)
        {
            Flush();
            Sample(new DamageSample(at, worst, typical), force: true);
            _inEpisode = true;
            _episode = new OverloadEpisode(at, TimeSpan.Zero, Amps.Zero, 0);
        }

        AboveNonTrip += span;
        var (peak, phase) = (_episode.Peak, _episode.Phase);
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (current[p] > peak)
            {
                (peak, phase) = (current[p], p);
            }
        }

        _episode = _episode with { Duration = at + span - _episode.Start, Peak = peak, Phase = phase };
    }

    private void EndEpisode()
    {
        if (!_inEpisode)
        {
            return;
        }

        _inEpisode = false;
        Flush();
        if (_episodeHoldsMax)
        {
            WorstClosedEpisode = _episode;
            _episodeHoldsMax = false;
        }
    }

    /// <summary>Points along an exponential cooling, so a long quiet interval is not drawn as a straight line.</summary>
    private void SampleCooling(TimeSpan from, TimeSpan to, double worst, double typical)
    {
        var step = CoolingTimeConstant / 4;
        for (var t = from + step; t < to && worst * Math.Exp(-(t - from) / CoolingTimeConstant) >= PlotResolution; t += step)
        {
            var decay = Math.Exp(-(t - from) / CoolingTimeConstant);
            Sample(new DamageSample(t, worst * decay, typical * decay), force: true);
        }
    }

    /// <summary>Keeps <paramref name="sample"/> when forced or far enough from the last kept one; else holds it back.</summary>
    private void Sample(DamageSample sample, bool force)
    {
        var last = _samples.Count > 0 ? _samples[^1] : default;
        if (force || Math.Abs(sample.Worst - last.Worst) >= PlotResolution || Math.Abs(sample.Typical - last.Typical) >= PlotResolution)
        {
            _samples.Add(sample);
            _pending = null;
        }
        else
        {
            _pending = sample;
        }
    }

    /// <summary>Keeps the sample held back, at an episode's edge where the curve bends.</summary>
    private void Flush()
    {
        if (_pending is { } sample)
        {
            _samples.Add(sample);
            _pending = null;
        }
    }
}
