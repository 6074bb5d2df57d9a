using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amtron.Dlm.Allocation;
using Amtron.Dlm.Decision;

namespace Amtron.Cli.Allocate;

/// <summary>
/// `amtron allocate`: JSON Lines in, one compact response line per request out, in order. A bad line is answered
/// with an error object and the rest are still answered; the exit code then is 1.
/// </summary>
internal static class AllocateCommand
{
    public const int ExitOk = 0;
    public const int ExitBadLine = 1;

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static int Run(TextReader input, Stream output, TextWriter? timing = null)
    {
        var started = Stopwatch.GetTimestamp();
        var requests = 0;
        var engine = new DlmEngine();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        // Relaxed escaping keeps quotes in error messages readable (\" rather than \u0022); output is never HTML.
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        var anyError = false;
        var lineNumber = 0;
        int[] currents = [];
        AllocationOutcome[] outcomes = [];
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            buffer.ResetWrittenCount();
            json.Reset(buffer);
            requests++;
            var (request, error) = AllocateRequestReader.Read(line);
            if (request is null)
            {
                anyError = true;
                AllocateResponseWriter.WriteError(json, lineNumber, error!);
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
            output.Write(buffer.WrittenSpan);
            output.Write(NewLine);

            // One flush per answer: a tool may send one request and wait for its answer before sending the next.
            output.Flush();
        }

        if (timing is not null)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var perRequest = requests == 0 ? 0 : elapsed.TotalMicroseconds / requests;
            timing.WriteLine(string.Create(CultureInfo.InvariantCulture, $"amtron allocate: {requests} requests in {elapsed.TotalMilliseconds:F1} ms ({perRequest:F1} us per request, parsing and writing included)"));
        }

        return anyError ? ExitBadLine : ExitOk;
    }
}
