using Amtron.Site.Scenarios;

namespace Amtron.Site.Tests.Scenarios.AcnData;

/// <summary>A site whose charge point ids are an ACN spaceID (CA-303), an ACN stationID (2-39-139-28) and neither (P9).</summary>
internal static class AcnSite
{
    /// <summary>Ends inside <c>vehicles:</c>: a test appends its keys (indented two spaces) from line 13.</summary>
    public const string Header = """
        name: acn
        start: 2021-05-01T00:00:00Z
        duration: 3d
        networks:
          - id: 0
            settings: {evseSubDistributionLimit: 63}
            stations:
              - {id: S1, role: masterWithInternalSlave, chargePoints: [{id: CA-303, installationCurrentLimit: 32}]}
              - {id: S2, role: slaveAutoDiscovery, chargePoints: [{id: 2-39-139-28, installationCurrentLimit: 32}]}
              - {id: S3, role: slaveAutoDiscovery, chargePoints: [{id: P9, installationCurrentLimit: 32}]}
        vehicles:
          defaults: {model: ideal, maxCurrent: 32, phases: 1}
        """;

    /// <summary>Loads <paramref name="header"/> plus <paramref name="vehicles"/> with the data file <paramref name="name"/> beside it.</summary>
    public static Scenario Load(string vehicles, string name, string content, string header = Header)
    {
        var directory = Directory.CreateTempSubdirectory("amtron-acn-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, name), content);
            var path = Path.Combine(directory.FullName, "site.yaml");
            File.WriteAllText(path, header + "\n" + vehicles);
            return ScenarioLoader.Load(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The diagnostics of a scenario that does not load, as (file name, line, column, problem).</summary>
    public static IEnumerable<(string File, long Line, long Column, string Problem)> Errors(string vehicles, string name, string content, string header = Header) =>
        Assert.Throws<ScenarioException>(() => Load(vehicles, name, content, header)).Diagnostics.Select(d => (Path.GetFileName(d.File), d.Line, d.Column, d.Problem));
}
