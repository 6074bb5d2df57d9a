using Amtron.Grid.Protection;

namespace Amtron.Sim.Runtime;

/// <summary>A named protective device's damage over a run, by its stable id (<see cref="LimitIds"/>).</summary>
/// <param name="Id"><c>mainFuse</c> or <c>network0.supplyLine</c>.</param>
/// <param name="Damage">Its thermal damage, complete once the run ended.</param>
public sealed record DeviceRisk(string Id, TripDamage Damage);
