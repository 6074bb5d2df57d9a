using Amtron.Dlm.Units;

namespace Amtron.Sim.Runtime;

/// <summary>
/// One unbroken stretch of time above a checked limit. The excess at an instant is that of the worst phase (the
/// largest of current minus limit over L1–L3): it is what the violation totals count (any phase above is a violation),
/// and it bounds each phase's own excess from above, so a fuse-trip screen on it errs on the safe side. Stretches of
/// one limit that touch (one ends where the next begins) are one excursion.
/// </summary>
/// <param name="Limit">The limit's name, as in the violation totals by limit.</param>
/// <param name="Imbalance">True for a Current Imbalance Limit (the excess is the phase spread above it).</param>
/// <param name="Start">When the limit was first exceeded.</param>
/// <param name="Duration">How long it stayed exceeded.</param>
/// <param name="PeakExcess">The largest excess.</param>
/// <param name="ExcessAmpereSeconds">The excess integrated over the excursion (A·s).</param>
public sealed record LimitExcursion(string Limit, bool Imbalance, DateTimeOffset Start, TimeSpan Duration, Amps PeakExcess, double ExcessAmpereSeconds);
