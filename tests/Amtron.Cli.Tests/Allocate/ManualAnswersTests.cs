namespace Amtron.Cli.Tests.Allocate;

/// <summary>
/// scenarios/allocate/manual-chapters-6-7.jsonl, the manual's use cases as `amtron allocate` requests, answered as
/// worked by hand below (one line of the file per case, in the order of its README).
/// </summary>
public sealed class ManualAnswersTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "scenarios", "allocate", "manual-chapters-6-7.jsonl"))
        .Where(l => l.Length > 0).ToArray();

    [Theory]
    // 6.1: 100 A shared by four 3-phase vehicles: 100 / 4 = 25 A each, under their 32 A installation limit.
    [InlineData(1, new[] { 25, 25, 25, 25 })]
    // 6.2, network id 0: two vehicles on their own 100 A line: 50 A each would be allowed, capped at 32 A.
    [InlineData(2, new[] { 32, 32 })]
    // 6.2, network id 1: the same on the other line, decided separately.
    [InlineData(3, new[] { 32, 32 })]
    // 6.3.1: 63 A main minus the house's 40.2 / 22.5 / 35.0 A leaves 22.8 / 40.5 / 28.0 A; with the 32 A
    // sub-distribution limit 22.8 / 32 / 28 A, rounded down 22 / 32 / 28; a 3-phase vehicle takes the lowest: 22 A.
    [InlineData(4, new[] { 22 })]
    // 6.3.2: the meter reads 86.0 / 71.5 / 80.3 A in total. Ours per grid phase: CP1 24/24/24, CP2 24/24/24 (rotated,
    // the same on every phase), CP3 10 A on L1: 58 / 48 / 48 A. External load 28.0 / 23.5 / 32.3 A; 100 A main minus
    // that: 72.0 / 76.5 / 67.7 A, rounded down 72 / 76 / 67 A. Sharing evenly: L1 carries all three vehicles, 72 / 3 =
    // 24 A each; L2 and L3 then carry 48 A of 76 and 67. So 24 A each.
    [InlineData(5, new[] { 24, 24, 24 })]
    // 6.5: input energised, operator limit 100 - 60 = 40 A; the meter leaves 100 - 10 = 90 A. Two 3-phase vehicles
    // share 40 A: 20 A each.
    [InlineData(6, new[] { 20, 20 })]
    // 6.6: 17:00 UTC is in the 16-20 h entry, 6 A per phase: one vehicle at the 6 A minimum, the other (later in the
    // queue) paused.
    [InlineData(7, new[] { 6, 0 })]
    // 7: a single-phase vehicle on L1 alone; L2 and L3 carry nothing, so L1 may exceed them by the 20 A limit: 20 A.
    [InlineData(8, new[] { 20 })]
    public void Each_use_case_of_the_manual_is_answered_as_worked_by_hand(int line, int[] expected)
    {
        Assert.Equal(8, Lines.Length);
        Assert.Equal(expected, AllocateHarness.Currents(AllocateHarness.Single(Lines[line - 1])));
    }
}
