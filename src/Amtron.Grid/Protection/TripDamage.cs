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
/// decays as D·exp(−Δt / τ) with τ = <see cref="CoolingTimeConstant"/>. D ≥ 1 means the device would have opened.
/// Feed it every interval in order. The current is constant over each, and the damage is worked out from the start of
/// each stretch of one current, so the figures are exact and do not depend on how a stretch is cut into intervals.
/// </summary>
public sealed class TripDamage
{
    /// <summary>The thermal memory's time constant (docs/grid.md: no published value for fuses; a middle assumption).</summary>
    public static readonly TimeSpan CoolingTimeConstant = TimeSpan.FromMinutes(10);

    /// <summary>A damage below this after cooling is taken as none (so a quiet year costs nothing).</summary>
    private const double Negligible = 1e-12;

    /// <summary>Plot samples: a stretch's end is kept when a figure has moved this much; cooling is drawn down to it.</summary>
    private const double PlotResolution = 0.002;

    private readonly long _nonTripMilliamps;
    private readonly double[] _worst = new double[PhaseSet.PhaseCount];
    private readonly double[] _typical = new double[PhaseSet.PhaseCount];
    private readonly Stretch _stretch = new();
    private readonly List<DamageSample> _samples = [];
    private bool _any;
    private bool _inEpisode;
    private bool _episodeHoldsMax;
    private OverloadEpisode _episode;
    private (TimeSpan At, double Worst, double Typical, int Step)? _cooling;

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

    /// <summary>
    /// The damage over time (the largest phase's) for a plot: at each episode's start, at the end of each stretch of one
    /// overload current that moved it by the plot's resolution, and along each cooling every τ/4 down to that resolution
    /// (then 0). The figures above are exact; these points are for the eye.
    /// </summary>
    public IReadOnlyList<DamageSample> Samples => _inEpisode && _stretch.Valid ? [.. _samples, .. StretchEnd(force: true)] : _samples;

    private OverloadEpisode? WorstClosedEpisode { get; set; }

    /// <summary>The device carried <paramref name="current"/> from <paramref name="at"/> (since the start) for <paramref name="span"/>.</summary>
    public void Advance(TimeSpan at, TimeSpan span, PhaseCurrents current)
    {
        var above = current.L1.Milliamps > _nonTripMilliamps || current.L2.Milliamps > _nonTripMilliamps || current.L3.Milliamps > _nonTripMilliamps;
        if (!above && !_any)
        {
            _stretch.Valid = false;
            return;
        }

        if (!_stretch.Valid || current != _stretch.Current || at != _stretch.End)
        {
            Begin(at, current, above);
        }

        if (above)
        {
            Overload(at, span, current);
        }

        _stretch.End = at + span;
        var elapsed = (_stretch.End - _stretch.Start).TotalSeconds;
        var cooled = Math.Exp(-elapsed / CoolingTimeConstant.TotalSeconds);
        var any = false;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            if (_stretch.WorstRate[p] > 0)
            {
                _worst[p] = _stretch.Worst[p] + (_stretch.WorstRate[p] * elapsed);
                _typical[p] = _stretch.Typical[p] + (_stretch.TypicalRate[p] * elapsed);
            }
            else
            {
                _worst[p] = Cooled(_stretch.Worst[p], cooled);
                _typical[p] = Cooled(_stretch.Typical[p], cooled);
            }

            any |= _worst[p] > 0;
        }

        _any = any;
        var (worst, typical) = (_worst.Max(), _typical.Max());
        if (worst > MaxWorst)
        {
            // Damage rises only while overloaded: a new maximum is this episode's doing.
            MaxWorst = worst;
            MaxWorstAt = _stretch.End;
            _episodeHoldsMax = true;
            WorstClosedEpisode = null;
        }

        MaxTypical = Math.Max(MaxTypical, typical);
        if (!above)
        {
            SampleCooling(_stretch.End, any);
        }
    }

    private static double Cooled(double damage, double factor) => damage * factor < Negligible ? 0 : damage * factor;

    /// <summary>A stretch of one current begins: the one before it ends (its plot point), and the rates of this one.</summary>
    private void Begin(TimeSpan at, PhaseCurrents current, bool above)
    {
        if (_inEpisode && _stretch.Valid)
        {
            _samples.AddRange(StretchEnd(force: !above));
        }

        if (above && !_inEpisode)
        {
            _cooling = null;
            _samples.Add(new DamageSample(at, _worst.Max(), _typical.Max()));
        }
        else if (!above && _inEpisode)
        {
            EndEpisode();
            _cooling = (at, _worst.Max(), _typical.Max(), 0);
        }

        _stretch.Valid = true;
        _stretch.Start = at;
        _stretch.End = at;
        _stretch.Current = current;
        for (var p = 0; p < PhaseSet.PhaseCount; p++)
        {
            _stretch.Worst[p] = _worst[p];
            _stretch.Typical[p] = _typical[p];
            var multiple = current[p].Value / Device.Rating.Value;
            var overloaded = current[p].Milliamps > _nonTripMilliamps;
            _stretch.WorstRate[p] = overloaded ? 1 / Device.SecondsToTrip(multiple, CurveEdge.Worst) : 0;
            _stretch.TypicalRate[p] = overloaded ? 1 / Device.SecondsToTrip(multiple, CurveEdge.Typical) : 0;
        }
    }

    private void Overload(TimeSpan at, TimeSpan span, PhaseCurrents current)
    {
        if (!_inEpisode)
        {
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
        _inEpisode = false;
        if (_episodeHoldsMax)
        {
            WorstClosedEpisode = _episode;
            _episodeHoldsMax = false;
        }
    }

    /// <summary>The plot point at the end of the current stretch, when forced or far enough from the last one kept.</summary>
    private IEnumerable<DamageSample> StretchEnd(bool force)
    {
        var sample = new DamageSample(_stretch.End, _worst.Max(), _typical.Max());
        // Stryker disable once Equality : StretchEnd runs only in an episode, whose start point is always drawn first: the list is never empty here
        var last = _samples.Count > 0 ? _samples[^1] : default;
        return force || Math.Abs(sample.Worst - last.Worst) >= PlotResolution || Math.Abs(sample.Typical - last.Typical) >= PlotResolution
            ? [sample]
            : [];
    }

    /// <summary>Points along the cooling since it began, every τ/4 up to <paramref name="until"/>, down to the plot's resolution.</summary>
    private void SampleCooling(TimeSpan until, bool any)
    {
        if (_cooling is not { } cooling)
        {
            return;
        }

        var step = CoolingTimeConstant / 4;
        var next = cooling.Step + 1;
        for (var t = cooling.At + (step * next); t <= until; t = cooling.At + (step * ++next))
        {
            var factor = Math.Exp(-(t - cooling.At) / CoolingTimeConstant);
            var worst = cooling.Worst * factor;
            if (worst < PlotResolution)
            {
                _samples.Add(new DamageSample(t, 0, 0));
                _cooling = null;
                return;
            }

            _samples.Add(new DamageSample(t, worst, cooling.Typical * factor));
        }

        _cooling = any ? cooling with { Step = next - 1 } : null;
    }

    /// <summary>A stretch of one current: its start, the damage then and the rates per phase (0 while it cools).</summary>
    private sealed class Stretch
    {
        public bool Valid { get; set; }

        public TimeSpan Start { get; set; }

        public TimeSpan End { get; set; }

        public PhaseCurrents Current { get; set; }

        public double[] Worst { get; } = new double[PhaseSet.PhaseCount];

        public double[] Typical { get; } = new double[PhaseSet.PhaseCount];

        public double[] WorstRate { get; } = new double[PhaseSet.PhaseCount];

        public double[] TypicalRate { get; } = new double[PhaseSet.PhaseCount];
    }
}
