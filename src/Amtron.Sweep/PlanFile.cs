using System.Text.Encodings.Web;
using System.Text.Json;
using Amtron.Site.Sweeps;

namespace Amtron.Sweep;

/// <summary>
/// <c>plan.json</c>: the variants of a sweep with their parameters, seeds and hashes, the sweep's hash and the tool's
/// version. Nothing in it depends on where or when it was made (no path of the sweep file, no time), so every worker
/// computes the same bytes and a folder holding another sweep's (or another version's) plan is told apart by them.
/// </summary>
public static class PlanFile
{
    /// <summary>The file name in a sweep's folder.</summary>
    public const string Name = "plan.json";

    /// <summary>The plan's bytes.</summary>
    public static byte[] Bytes(SweepPlan plan, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sweep = plan.Sweep;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("sweepHash", plan.SweepHash);
            json.WriteString("toolVersion", toolVersion);
            json.WriteString("base", sweep.BasePath);
            json.WriteString("baseSha256", plan.BaseSha256);
            json.WriteNumber("seed", sweep.Seed);
            json.WriteString("seedMode", sweep.SeedMode == SeedMode.Common ? "common" : "independent");
            json.WriteNumber("replicates", sweep.Replicates);
            json.WriteStartArray("axes");
            foreach (var axis in sweep.Axes)
            {
                json.WriteStartObject();
                json.WriteString("path", axis.Path);
                json.WriteBoolean("zip", sweep.Zip.Contains(axis));
                json.WriteBoolean("shapesRandomStreams", axis.ShapesRandomStreams);
                json.WriteStartArray("values");
                foreach (var value in axis.Values)
                {
                    json.WriteStringValue(value.Text);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("variantCount", plan.Variants.Count);
            json.WriteStartArray("variants");
            foreach (var variant in plan.Variants)
            {
                json.WriteStartObject();
                json.WriteNumber("id", variant.Id);
                json.WriteNumber("replicate", variant.Replicate);
                json.WriteNumber("seed", variant.Seed);
                json.WriteString("hash", variant.Hash);
                json.WriteStartObject("parameters");
                foreach (var parameter in variant.Parameters)
                {
                    json.WriteString(parameter.Axis.Path, parameter.Value.Text);
                }

                json.WriteEndObject();
                // As `amtron run BASE --set ... --seed N` takes them: that command reruns this variant alone.
                json.WriteStartArray("overrides");
                foreach (var parameter in variant.Parameters)
                {
                    json.WriteStringValue(parameter.Assignment);
                }

                json.WriteStringValue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seed={variant.Seed}"));
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }
}
