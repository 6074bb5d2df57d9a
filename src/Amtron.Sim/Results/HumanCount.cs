using System.Globalization;

namespace Amtron.Sim.Results;

/// <summary>A count with its noun in the right number: "1 session", "2 sessions".</summary>
public static class HumanCount
{
    /// <summary>The count and the singular or plural noun.</summary>
    public static string Of(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");
}
