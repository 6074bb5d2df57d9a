using System.Globalization;
using Amtron.Hil;
using Amtron.Hil.Recording;
using Amtron.Site.Scenarios;

namespace Amtron.Cli.Hil;

/// <summary>
/// `amtron hil SITE.yaml`: the site's DLM masters run live against the meter and the charge points the site file
/// addresses — a dry run unless --write — and `amtron hil replay FILE.jsonl`: a recording decided again offline.
/// </summary>
internal static class HilCommand
{
    private const int ExitOk = 0;
    private const int ExitDifferent = 1;
    private const int ExitInvalid = 2;

    /// <summary>Runs until stopped (Ctrl+C, SIGTERM) or the cycles are done; exit 0, or 2 when the site or the record file cannot be used.</summary>
    public static async Task<int> RunAsync(string sitePath, HilOptions options, string? recordPath, TextWriter output, TextWriter error, CancellationToken stop)
    {
        Scenario scenario;
        string yaml;
        try
        {
            scenario = ScenarioLoader.Load(sitePath);
            yaml = await File.ReadAllTextAsync(sitePath, stop).ConfigureAwait(false);
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return ExitInvalid;
        }

        CycleRecorder? recorder = null;
        if (recordPath is not null)
        {
            try
            {
                // A recording is never written over an existing file: it may be the user's.
                var stream = new FileStream(recordPath, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                recorder = new CycleRecorder(new StreamWriter(stream, new System.Text.UTF8Encoding(false)), new RecordHeader("header", ToolVersion.Text, sitePath, yaml, options.Write));
            }
            catch (IOException e) when (File.Exists(recordPath))
            {
                error.WriteLine($"amtron hil: --record {recordPath}: the file exists ({e.Message.ReplaceLineEndings(" ")}); give a new name, nothing is written over an existing file");
                return ExitInvalid;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"amtron hil: --record {recordPath}: {e.Message.ReplaceLineEndings(" ")}");
                return ExitInvalid;
            }
        }

        using (recorder)
        {
            HilSite site;
            try
            {
                site = HilSite.Connect(scenario.Site, options, TimeProvider.System, recorder is null ? null : recorder.Record, output);
            }
            catch (HilSiteException e)
            {
                foreach (var problem in e.Problems)
                {
                    error.WriteLine($"amtron hil: {sitePath}: {problem}");
                }

                return ExitInvalid;
            }

            await using (site.ConfigureAwait(false))
            {
                var points = site.Loops.Sum(l => l.Points.Count);
                output.WriteLine(options.Write
                    ? string.Create(CultureInfo.InvariantCulture, $"amtron hil: '{scenario.Name}': WRITING the HEMS current limit of {points} charge points every sample period; Ctrl+C leaves each at {(options.SafePause ? "0 A" : "its safe current")}")
                    : string.Create(CultureInfo.InvariantCulture, $"amtron hil: '{scenario.Name}': DRY RUN over {points} charge points: decisions are printed{(recorder is null ? string.Empty : " and recorded")}, nothing is written (--write writes)"));
                output.Flush();
                await site.RunAsync(stop).ConfigureAwait(false);
            }
        }

        return ExitOk;
    }

    /// <summary>Decides a recording again: exit 0 when every decision is the same, 1 when one differs, 2 when the file cannot be read.</summary>
    public static int Replay(string path, TextWriter output, TextWriter error)
    {
        ReplayReport report;
        try
        {
            // Opening a directory succeeds on Linux and fails at the first read as "access denied": said first.
            if (Directory.Exists(path))
            {
                return Refuse(error, path, "is a directory");
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            report = Amtron.Hil.Recording.Replay.Run(stream, path);
        }
        catch (ReplayException e)
        {
            foreach (var problem in e.Problems)
            {
                error.WriteLine($"amtron hil replay: {problem}");
            }

            return ExitInvalid;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Refuse(error, path, "no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse(error, path, e.Message.ReplaceLineEndings(" "));
        }

        foreach (var difference in report.Differences)
        {
            output.WriteLine(difference);
        }

        if (report.DifferentCycles > report.Differences.Count)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... and {report.DifferentCycles - report.Differences.Count} more cycles decided differently, not listed"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Cycles} cycles replayed, {report.DifferentCycles} decided differently"));
        return report.DifferentCycles == 0 ? ExitOk : ExitDifferent;
    }

    private static int Refuse(TextWriter error, string path, string what)
    {
        error.WriteLine($"amtron hil replay: {path}: {what}");
        return ExitInvalid;
    }
}
