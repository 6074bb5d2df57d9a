using System.Text.Json;

namespace Amtron.Sweep;

/// <summary>What the tools after a run need of a folder's plan.json: the sweep's hash and each variant's hash by id.</summary>
/// <param name="SweepHash">The sweep's hash.</param>
/// <param name="ToolVersion">The version that planned it.</param>
/// <param name="Hashes">Each variant's hash, by id.</param>
/// <param name="Axes">The axes' paths, in order (the table's parameter columns).</param>
public sealed record PlannedSweep(string SweepHash, string ToolVersion, IReadOnlyList<string> Hashes, IReadOnlyList<string> Axes)
{
    /// <summary>Reads <paramref name="folder"/>'s plan.json; null with the problem when there is none or it is not one.</summary>
    public static PlannedSweep? Read(SweepFolder folder, out string problem)
    {
        ArgumentNullException.ThrowIfNull(folder);
        problem = string.Empty;
        if (!File.Exists(folder.Plan))
        {
            problem = $"{folder.Root} holds no {PlanFile.Name}: not a sweep's folder (amtron sweep plan or run writes it)";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(folder.Plan));
            var root = document.RootElement;
            var variants = root.GetProperty("variants").EnumerateArray().ToList();
            if (variants.Select((v, i) => v.GetProperty("id").GetInt32() == i).Any(inOrder => !inOrder))
            {
                problem = $"{folder.Plan}: the variants are not numbered 0, 1, 2, ... in order";
                return null;
            }

            return new PlannedSweep(
                root.GetProperty("sweepHash").GetString() ?? string.Empty,
                root.GetProperty("toolVersion").GetString() ?? string.Empty,
                [.. variants.Select(v => v.GetProperty("hash").GetString() ?? string.Empty)],
                [.. root.GetProperty("axes").EnumerateArray().Select(a => a.GetProperty("path").GetString() ?? string.Empty)]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = $"{folder.Plan}: not a plan amtron wrote ({e.Message})";
            return null;
        }
    }
}
