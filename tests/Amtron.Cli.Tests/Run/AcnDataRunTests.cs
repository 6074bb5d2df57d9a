using Amtron.Cli.Run;

namespace Amtron.Cli.Tests.Run;

/// <summary>The bundled ACN-Data example (scenarios/acn-synthetic.yaml): the original ids in sessions.csv, the notes said.</summary>
public sealed class AcnDataRunTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("amtron-acn-run-").FullName;

    [Fact]
    public void The_sessions_keep_their_ACN_ids_and_the_notes_say_what_reading_changed()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = RunCommand.Run(Path.Combine(AppContext.BaseDirectory, "scenarios", "acn-synthetic.yaml"), _work, output, error);

        Assert.Equal(0, exit);
        var rows = File.ReadAllLines(Path.Combine(_work, "sessions.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c);
        // syn_1 was at CA-301 until 20:00:00 UTC (12:00 PST) and syn_5 arrived there at 19:59:40: syn_1 now leaves then.
        Assert.Equal(("CA-301", "2019-03-04T19:59:40Z"), (rows["syn_1_2019-03-04 16:00:00.000000"][1], rows["syn_1_2019-03-04 16:00:00.000000"][3]));
        // The space id 11900388 is mapped to CA-304; alone for 1 h at 31.73 A x 208 V: 6.59984 kWh of the 10 it wants.
        Assert.Equal(("CA-304", "10", "6.59984", "false"), (rows["syn_4_2019-03-04 22:00:00.000000"][1], rows["syn_4_2019-03-04 22:00:00.000000"][4], rows["syn_4_2019-03-04 22:00:00.000000"][5], rows["syn_4_2019-03-04 22:00:00.000000"][6]));
        // 14:00 -0800 is 22:00 UTC; 16:00 GMT is 16:00 UTC.
        Assert.Equal("2019-03-04T16:00:00Z", rows["syn_2_2019-03-04 16:00:00.100000"][2]);
        Assert.DoesNotContain(rows.Keys, k => k.StartsWith("syn_early", StringComparison.Ordinal));

        var notes = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(": note: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, notes.Count);
        Assert.EndsWith("left out: 1 of 6", notes[0].TrimEnd(), StringComparison.Ordinal);
        Assert.EndsWith("1 of 5, the longest overlap 20 s (session 'syn_1_2019-03-04 16:00:00.000000')", notes[1].TrimEnd(), StringComparison.Ordinal);

        // The same notes travel with the results: summary.json and the report.
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_work, "summary.json")));
        Assert.Equal(notes.Select(n => n[(n.IndexOf(": note: ", StringComparison.Ordinal) + 8)..].TrimEnd()), summary.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("<h2>Notes on the data</h2>", File.ReadAllText(Path.Combine(_work, "report.html")), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
