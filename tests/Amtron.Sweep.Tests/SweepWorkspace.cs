namespace Amtron.Sweep.Tests;

/// <summary>A copy of the small sweep (Sweeps/small*.yaml: 18 variants) in a temporary folder, with an output folder.</summary>
internal sealed class SweepWorkspace : IDisposable
{
    public const string ToolVersion = "test";
    public const int Variants = 18;

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amtron-sweep-run-");

    public SweepWorkspace()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Sweeps")))
        {
            File.Copy(file, Path.Combine(_directory.FullName, Path.GetFileName(file)));
        }
    }

    public string Root => _directory.FullName;

    public string SweepPath => Path.Combine(Root, "small.sweep.yaml");

    public SweepFolder Out(string name = "out") => new(Path.Combine(Root, name));

    /// <summary>Runs a shard; its exit code and what it said.</summary>
    public (int Exit, string Said) Run(Shard? shard = null, string output = "out", SweepKeep keep = SweepKeep.None, int jobs = 2)
    {
        var said = new StringWriter();
        var exit = SweepRunner.Run(new SweepRunOptions(SweepPath, Out(output).Root, shard ?? Shard.Whole, jobs, keep, ToolVersion), said);
        return (exit, said.ToString());
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
