using System.Text.Encodings.Web;
using System.Text.Json;
using Amtron.Site.Sweeps;

namespace Amtron.Sweep;

/// <summary>
/// <c>variant.json</c>, written last into a variant's folder: which variant the folder holds (its hash) and its KPIs as
/// summary.json rounds them, flat (<c>maxPhaseCurrentA.L1</c>), for the shard's Parquet row. A folder with it is
/// complete; the folder is renamed into place only after it is written.
/// </summary>
/// <param name="Id">The variant's id.</param>
/// <param name="Replicate">Its replicate.</param>
/// <param name="Seed">Its seed.</param>
/// <param name="Hash">Its hash (<see cref="SweepVariant.Hash"/>).</param>
/// <param name="Metrics">Its KPIs in catalogue order.</param>
public sealed record VariantRecord(int Id, int Replicate, ulong Seed, string Hash, IReadOnlyList<KeyValuePair<string, double>> Metrics)
{
    /// <summary>The file name in a variant's folder.</summary>
    public const string Name = "variant.json";

    /// <summary>Writes the record into <paramref name="directory"/>.</summary>
    public void Write(string directory, SweepVariant variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        using var stream = new FileStream(Path.Combine(directory, Name), FileMode.CreateNew, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteNumber("id", Id);
        json.WriteNumber("replicate", Replicate);
        json.WriteNumber("seed", Seed);
        json.WriteString("hash", Hash);
        json.WriteStartObject("parameters");
        foreach (var parameter in variant.Parameters)
        {
            json.WriteString(parameter.Axis.Path, parameter.Value.Text);
        }

        json.WriteEndObject();
        json.WriteStartObject("metrics");
        foreach (var (name, value) in Metrics)
        {
            json.WriteNumber(name, value);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The record in <paramref name="directory"/>, or null when there is none or it cannot be read.</summary>
    public static VariantRecord? TryRead(string directory)
    {
        var path = Path.Combine(directory, Name);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var metrics = root.GetProperty("metrics").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetDouble())).ToList();
            return new VariantRecord(root.GetProperty("id").GetInt32(), root.GetProperty("replicate").GetInt32(), root.GetProperty("seed").GetUInt64(), root.GetProperty("hash").GetString() ?? string.Empty, metrics);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
