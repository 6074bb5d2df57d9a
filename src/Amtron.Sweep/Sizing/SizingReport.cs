using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ScottPlot;

namespace Amtron.Sweep.Sizing;

/// <summary>
/// A sizing study's files: size.json (the answers and every value tried), probes.csv (every run: value, replicate,
/// seed, quantity, met), size.png (the quantity against the axis: the mean of the replicates, their spread as a band,
/// the target line, each answer marked) and size.html (the question, the answers, the plot, the tries).
/// </summary>
public static class SizingReport
{
    /// <summary>The files written, in this order.</summary>
    public static IReadOnlyList<string> Files { get; } = ["size.json", "probes.csv", "size.png", "size.html"];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Writes the files into <paramref name="directory"/> (which must exist).</summary>
    public static void Write(string directory, SizingResult result, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(result);
        File.WriteAllBytes(Path.Combine(directory, "size.json"), Json(result, toolVersion));
        File.WriteAllText(Path.Combine(directory, "probes.csv"), Csv(result), new UTF8Encoding(false));
        var png = Plot(result);
        File.WriteAllBytes(Path.Combine(directory, "size.png"), png);
        File.WriteAllText(Path.Combine(directory, "size.html"), Html(result, png, toolVersion), new UTF8Encoding(false));
    }

    /// <summary>One line per answer for the terminal.</summary>
    public static IEnumerable<string> Lines(SizingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Answers.Select(a => $"{a.Label}: {Answer(result, a)}");
    }

    /// <summary>The answer in words.</summary>
    public static string Answer(SizingResult result, SizingAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(answer);
        var request = result.Request;
        var share = string.Create(C, $"{request.Quantile:0.###}");
        if (answer.Smallest is not { } smallest)
        {
            var largest = answer.Probes[^1];
            return string.Create(C, $"not reached: even at {largest.Value:0.###} the target holds in {largest.Holding} of {largest.Quantities.Count} replicates (needed: a share of {share})");
        }

        var at = answer.Probes.First(p => p.Value == smallest);
        var below = answer.Probes.LastOrDefault(p => p.Value < smallest);
        var text = string.Create(C, $"{smallest:0.###} ({request.Target.Text} in {at.Holding} of {at.Quantities.Count} replicates")
            + (below is null ? ", the smallest value tried)" : string.Create(C, $"; at {below.Value:0.###}: {below.Holding})"));
        return answer.Monotone ? text : text + " WARNING: a larger value tried misses the target (see probes.csv)";
    }

    private static byte[] Json(SizingResult result, string toolVersion)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("toolVersion", toolVersion);
            json.WriteString("sweepHash", result.Plan.SweepHash);
            json.WriteString("axis", result.Axis.Path);
            json.WriteString("target", result.Request.Target.Text);
            json.WriteNumber("quantile", result.Request.Quantile);
            json.WriteNumber("replicates", result.Plan.Sweep.Replicates);
            json.WriteString("values", result.Request.ListedOnly ? "listed" : "whole");
            json.WriteNumber("runs", result.Runs);
            json.WriteStartArray("answers");
            foreach (var answer in result.Answers)
            {
                json.WriteStartObject();
                json.WriteStartObject("others");
                foreach (var other in answer.Others)
                {
                    json.WriteString(other.Axis.Path, other.Value.Text);
                }

                json.WriteEndObject();
                if (answer.Smallest is { } smallest)
                {
                    json.WriteNumber("smallest", smallest);
                }
                else
                {
                    json.WriteNull("smallest");
                }

                json.WriteBoolean("monotone", answer.Monotone);
                json.WriteStartArray("tried");
                foreach (var probe in answer.Probes)
                {
                    json.WriteStartObject();
                    json.WriteNumber("value", probe.Value);
                    json.WriteNumber("holding", probe.Holding);
                    json.WriteNumber("share", Math.Round(probe.Share, 6));
                    json.WriteBoolean("holds", probe.Share >= result.Request.Quantile);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static string Csv(SizingResult result)
    {
        var csv = new StringBuilder("others,value,replicate,seed,quantity,meets\n");
        foreach (var answer in result.Answers)
        {
            foreach (var probe in answer.Probes)
            {
                for (var r = 0; r < probe.Quantities.Count; r++)
                {
                    var quantity = probe.Quantities[r];
                    var meets = quantity is not { } q || result.Request.Target.Holds(q);
                    csv.Append('"').Append(answer.Label.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",")
                        .Append(C, $"{probe.Value},{r},{probe.Seeds[r]},{(quantity is { } v ? v.ToString("0.######", C) : string.Empty)},{(meets ? "true" : "false")}\n");
                }
            }
        }

        return csv.ToString();
    }

    private static byte[] Plot(SizingResult result)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var target = result.Request.Target;
        for (var i = 0; i < result.Answers.Count; i++)
        {
            var answer = result.Answers[i];
            var colour = palette.GetColor(i);
            var x = answer.Probes.Select(p => p.Value).ToArray();
            var judged = answer.Probes.Select(p => p.Quantities.Where(q => q is not null).Select(q => q!.Value).DefaultIfEmpty(double.NaN).ToArray()).ToList();
            var band = plot.Add.FillY(x, [.. judged.Select(q => q.Min())], [.. judged.Select(q => q.Max())]);
            band.FillColor = colour.WithAlpha(0.18);
            band.LineWidth = 0;
            band.LegendText = $"{answer.Label}: replicates' range";
            var mean = plot.Add.Scatter(x, [.. judged.Select(q => q.Average())], colour);
            mean.LineWidth = 1;
            mean.MarkerSize = 4;
            mean.LinePattern = LinePattern.Dotted;
            mean.LegendText = $"{answer.Label}: mean";
            // The value the asked share of replicates reaches: the answer is where it meets the target line.
            var reached = plot.Add.Scatter(x, [.. answer.Probes.Select(p => Reached(p, target, result.Request.Quantile))], colour);
            reached.LineWidth = 2.5f;
            reached.MarkerSize = 7;
            reached.LegendText = string.Create(C, $"{answer.Label}: reached in {result.Request.Quantile:0.##} of replicates");
            if (answer.Smallest is { } smallest)
            {
                var marker = plot.Add.VerticalLine(smallest, 2, colour, LinePattern.Dashed);
                marker.LegendText = string.Create(C, $"{answer.Label}: answer {smallest:0.###}");
            }
        }

        var line = plot.Add.HorizontalLine(target.Threshold, 2, Colors.Red, LinePattern.Dotted);
        line.LegendText = $"target {target.Operator} {target.Threshold.ToString(C)}";
        plot.Title(string.Create(C, $"{target.Text} in {result.Request.Quantile:0.##} of {result.Plan.Sweep.Replicates} replicates"));
        plot.XLabel(result.Axis.Path);
        plot.YLabel(target.Quantity);
        plot.ShowLegend(Edge.Right);
        return plot.GetImageBytes(1300, 600, ImageFormat.Png);
    }

    /// <summary>
    /// The quantity at least <paramref name="quantile"/> of the replicates reach (nearest rank; a replicate with nothing
    /// to judge counts as reaching anything): the target holds in that share exactly when this meets it.
    /// </summary>
    public static double Reached(SizingProbe probe, SizingTarget target, double quantile)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(target);
        var upward = target.Operator is ">=" or ">";
        var best = upward ? double.PositiveInfinity : double.NegativeInfinity;
        var values = probe.Quantities.Select(q => q ?? best).ToList();
        values.Sort();
        if (upward)
        {
            values.Reverse();
        }

        var rank = (int)Math.Ceiling((quantile * values.Count) - 1e-9);
        var reached = values[Math.Clamp(rank, 1, values.Count) - 1];
        return double.IsInfinity(reached) ? double.NaN : reached;
    }

    private static string Html(SizingResult result, byte[] png, string toolVersion)
    {
        var request = result.Request;
        var html = new StringBuilder();
        var title = $"Sizing {result.Axis.Path}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title))
            .Append("</title><style>body{font-family:sans-serif;max-width:1350px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}img{max-width:100%}.miss{color:#b00}</style></head><body>\n")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n<p>")
            .Append(WebUtility.HtmlEncode(string.Create(C, $"The smallest {result.Axis.Path} for which {request.Target.Text} holds in at least {request.Quantile:0.###} of the {result.Plan.Sweep.Replicates} replicates (seedMode {(result.Plan.Sweep.SeedMode == Site.Sweeps.SeedMode.Common ? "common: every value sees the same days" : "independent")}); {(request.ListedOnly ? "the listed values" : "whole numbers between the listed values")}; {result.Runs} runs.")))
            .Append("</p>\n<p>").Append(WebUtility.HtmlEncode($"Base {result.Plan.Sweep.BasePath} (sha256 {result.Plan.BaseSha256}), sweep hash {result.Plan.SweepHash}, amtron {toolVersion}.")).Append("</p>\n");
        html.Append("<h2>Answers</h2>\n<table>\n<tr><th>other axes</th><th>answer</th></tr>\n");
        foreach (var answer in result.Answers)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(answer.Label)).Append("</td><td>").Append(WebUtility.HtmlEncode(Answer(result, answer))).Append("</td></tr>\n");
        }

        html.Append("</table>\n<h2>Plot</h2>\n<img alt=\"").Append(WebUtility.HtmlEncode(title)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\">\n");
        html.Append("<h2>Values tried</h2>\n<table>\n<tr><th>other axes</th><th>value</th><th>replicates meeting the target</th><th>mean</th><th>range</th></tr>\n");
        foreach (var answer in result.Answers)
        {
            foreach (var probe in answer.Probes)
            {
                var judged = probe.Quantities.Where(q => q is not null).Select(q => q!.Value).ToList();
                var holds = probe.Share >= request.Quantile;
                html.Append("<tr").Append(holds ? string.Empty : " class=\"miss\"").Append("><td>").Append(WebUtility.HtmlEncode(answer.Label)).Append("</td>")
                    .Append(C, $"<td>{probe.Value:0.###}</td><td>{probe.Holding} of {probe.Quantities.Count}{(holds ? string.Empty : " (short)")}</td>")
                    .Append(judged.Count == 0 ? "<td></td><td></td>" : string.Create(C, $"<td>{judged.Average():0.####}</td><td>{judged.Min():0.####} – {judged.Max():0.####}</td>"))
                    .Append("</tr>\n");
            }
        }

        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }
}
