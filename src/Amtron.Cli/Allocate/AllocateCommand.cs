using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;
using Amtron.Site.JsonLines;

namespace Amtron.Cli.Allocate;

/// <summary>
/// `amtron allocate`: JSON Lines in, one compact response line per request out, in order. A bad line is answered
/// with an error object and the rest are still answered; the exit code then is 1.
/// </summary>
internal static class AllocateCommand
{
    public const int ExitOk = 0;
    public const int ExitBadLine = 1;

    /// <summary>The longest request line read: room for the largest request accepted (100,000 charge points).</summary>
    public const int MaximumLineBytes = 32 << 20;

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static int Run(Stream input, Stream output, TextWriter? timing = null)
    {
        var started = Stopwatch.GetTimestamp();
        var requests = 0;
        var engine = new DlmEngine();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        // Relaxed escaping keeps quotes in error messages readable (\" rather than \u0022); output is never HTML.
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var anyError = false;
        var lines = new JsonLineReader(input, MaximumLineBytes);
        int[] currents = [];
        AllocationOutcome[] outcomes = [];
        while (ReadLine(lines, out var line, out var tooLong))
        {
            if (!tooLong && IsBlank(line))
            {
                continue;
            }

            buffer.ResetWrittenCount();
            json.Reset(buffer);
            requests++;
            var (request, error) = tooLong
                ? (null, new RequestError("$", $"the line is longer than {MaximumLineBytes >> 20} MiB, the most a request may be; not read"))
                : AllocateRequestReader.Read(line);
            if (request is null)
            {
                anyError = true;
                AllocateResponseWriter.WriteError(json, lines.LineNumber, error!);
            }
            else
            {
                if (currents.Length < request.ChargePoints.Length)
                {
                    currents = new int[request.ChargePoints.Length];
                    outcomes = new AllocationOutcome[request.ChargePoints.Length];
                }

                var decision = engine.Decide(request.Settings, request.Input, request.ChargePoints, currents, outcomes);
                AllocateResponseWriter.Write(json, request, decision, currents, outcomes);
            }

            json.Flush();
            Answer(output, buffer.WrittenSpan);
        }

        if (timing is not null)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var perRequest = requests == 0 ? 0 : elapsed.TotalMicroseconds / requests;
            timing.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron allocate: {Sim.Results.HumanCount.Of(requests, "request", "requests")} in {elapsed.TotalMilliseconds:F1} ms ({perRequest:F1} us per request, parsing and writing included)"));
        }

        return anyError ? ExitBadLine : ExitOk;
    }

    private static bool ReadLine(JsonLineReader lines, out ReadOnlySpan<byte> line, out bool tooLong)
    {
        try
        {
            return lines.TryRead(out line, out tooLong);
        }
        catch (IOException e)
        {
            throw new IOException($"cannot read standard input: {e.Message}", e);
        }
    }

    private static void Answer(Stream output, ReadOnlySpan<byte> answer)
    {
        try
        {
            output.Write(answer);
            output.Write(NewLine);

            // One flush per answer: a tool may send one request and wait for its answer before sending the next.
            output.Flush();
        }
        catch (IOException e)
        {
            throw new IOException($"cannot write the answers: {e.Message}", e);
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r"u8) < 0;
}
