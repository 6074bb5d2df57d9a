namespace Amtron.Site.Tests.Scenarios;

/// <summary>A site of two 32 A points (P, Q) for tests of the vehicles' keys.</summary>
internal static class TwoPointSite
{
    /// <summary>Eight lines; what a test appends starts on line 9. The vehicle defaults are 60 kWh at 0.2: room 48 kWh.</summary>
    public const string Header = """
        name: two points
        start: 2026-06-01T00:00:00Z
        duration: 1d
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 32}
            stations: [{id: S, role: masterWithInternalSlave, chargePoints: [{id: P, installationCurrentLimit: 32}, {id: Q, installationCurrentLimit: 32}]}]
        vehicles:
        """;
}
