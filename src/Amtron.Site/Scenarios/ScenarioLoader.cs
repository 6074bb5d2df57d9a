using System.Text;
using Amtron.Site.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// Reads a scenario file (YAML, docs/scenarios.md) and validates all of it before anything runs: unknown keys, wrong
/// types, impossible values and contradictions, in the file and in the CSV files it names, are collected and end the
/// reading with one <see cref="ScenarioException"/> that lists every one of them (file:line:col each). YAML that does
/// not parse is one problem: the parser cannot go on past it.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Loads and validates a scenario file; with <paramref name="metrics"/>, an assertion must name one of them (a run
    /// passes the simulator's KPI names; a caller that does not evaluate assertions need not).
    /// </summary>
    public static Scenario Load(string path, IReadOnlyCollection<string>? metrics = null)
    {
        return Parse(ReadFile(path), path, plan: false, metrics);
    }

    /// <summary>
    /// Loads a scenario file with <paramref name="overrides"/> applied before it is read (<c>amtron run --set</c>,
    /// <c>--seed</c>): a bad path or a value the reader rejects is an error located in the override.
    /// </summary>
    public static Scenario Load(string path, IReadOnlyList<ScenarioOverride> overrides, IReadOnlyCollection<string>? metrics = null)
    {
        return Parse(ReadFile(path), path, plan: false, metrics, overrides);
    }

    /// <summary>
    /// Loads a site file for <c>amtron check</c>: the same format and the same errors, except that the contradictions
    /// the plan checker reports as findings (masters per network, Operator above Sub-Distribution Limit, a meter the
    /// site does not describe) are read as written instead of rejected.
    /// </summary>
    public static Scenario LoadPlan(string path)
    {
        return Parse(ReadFile(path), path, plan: true);
    }

    /// <summary>Parses scenario text; <paramref name="file"/> names it in errors and anchors relative CSV paths.</summary>
    public static Scenario Parse(string text, string file, IReadOnlyCollection<string>? metrics = null) => Parse(text, file, plan: false, metrics);

    /// <summary>Parses scenario text with <paramref name="overrides"/> applied before it is read (a sweep's variant).</summary>
    public static Scenario Parse(string text, string file, IReadOnlyList<ScenarioOverride> overrides, IReadOnlyCollection<string>? metrics = null) => Parse(text, file, plan: false, metrics, overrides);

    /// <summary>Parses site text as <see cref="LoadPlan"/> reads it.</summary>
    public static Scenario ParsePlan(string text, string file) => Parse(text, file, plan: true);

    /// <summary>The largest scenario file read: far above any hand-written site, far below what would exhaust memory.</summary>
    public const int MaximumFileBytes = 16 << 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file as text: UTF-8 (a BOM is allowed), at most <see cref="MaximumFileBytes"/>, read in bounded
    /// chunks so a device or a pipe that never ends (/dev/zero) is refused rather than read forever.</summary>
    internal static string ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new ScenarioException(path, 1, 1, "is a directory, not a scenario file");
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            bytes = ReadAtMost(stream, MaximumFileBytes + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException(path, 1, 1, $"cannot read the file: {e.Message}");
        }

        if (bytes.Length > MaximumFileBytes)
        {
            throw new ScenarioException(path, 1, 1, $"the file is larger than {MaximumFileBytes >> 20} MB, the most a scenario may be");
        }

        // Not StrictUtf8.Preamble: an encoding that emits no BOM has an empty preamble, which every file starts with.
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        var bom = bytes.AsSpan().StartsWith(byteOrderMark) ? byteOrderMark.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException e)
        {
            throw new ScenarioException(path, 1, 1, $"not UTF-8 text (byte {e.Index + bom + 1} is invalid)");
        }
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Scenario Parse(string text, string file, bool plan, IReadOnlyCollection<string>? metrics = null, IReadOnlyList<ScenarioOverride>? overrides = null)
    {
        var root = ParseYaml(text, file, "a scenario file");
        var diagnostics = new DiagnosticList();
        // An override that cannot be applied is reported and left out; the others are read, so all errors show at once.
        var origins = ScenarioOverrides.Apply(root, overrides ?? [], diagnostics);
        var fields = new YamlFields(file, diagnostics) { Origins = origins };
        var scenario = new ScenarioReader(fields, Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", plan).Read(root) with { Overrides = [.. (overrides ?? []).Select(o => o.Shown ?? o.Label)] };
        if (metrics is not null)
        {
            foreach (var assertion in scenario.Assertions)
            {
                if ((ScenarioAssertion.UnknownMetric(assertion, metrics) ?? (metrics as IMetricCollection)?.Unavailable(assertion.Metric, scenario.Site)) is { } problem)
                {
                    diagnostics.Add(file, assertion.Line, assertion.Column, problem);
                }
            }
        }

        diagnostics.ThrowIfAny();
        return scenario with { Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))) };
    }

    /// <summary>The one YAML document of a file (<paramref name="what"/> names the kind of file in the error).</summary>
    internal static YamlNode ParseYaml(string text, string file, string what)
    {
        YamlNesting.Check(text, file);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ScenarioException(file, e.Start.Line, e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way, without a location, where the text ends inside a flow collection
            // ("name: [" and nothing to close it): the problem shows at the end of the file.
            var lines = text.TrimEnd('\n', '\r').Split('\n').Length;
            throw new ScenarioException(file, lines, 1, "not valid YAML: the file ends inside an unclosed [ or { (or a quote)");
        }

        if (stream.Documents.Count != 1)
        {
            throw new ScenarioException(file, 1, 1, $"{what} holds exactly one YAML document");
        }

        return stream.Documents[0].RootNode;
    }
}
