using Amtron.Site.Sweeps;
using Amtron.Site.Tests.Scenarios;

namespace Amtron.Site.Tests.Sweeps;

/// <summary>A sweep file and its base scenario written into a temporary folder for one test.</summary>
internal sealed class SweepFiles : IDisposable
{
    /// <summary>The base: <see cref="TwoPointSite"/> with generated arrivals (a random stream the seed drives).</summary>
    public const string Base = TwoPointSite.Header + """

          defaults: {batteryKWh: 60, initialSoc: 0.2}
          generator:
            arrivalsPerHour: 1
            dwellHours: {mean: 4, sd: 1}
            energyKWh: {mean: 10, sd: 3}
        """;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amtron-sweep-");

    public SweepFiles(string sweep, string baseText = Base)
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "base.yaml"), baseText);
        SweepPath = Path.Combine(_directory.FullName, "study.sweep.yaml");
        File.WriteAllText(SweepPath, sweep);
    }

    public string SweepPath { get; }

    public SweepFile Read() => SweepReader.Read(SweepPath);

    public SweepPlan Plan() => SweepPlanner.Expand(Read());

    public void Dispose() => _directory.Delete(recursive: true);
}
