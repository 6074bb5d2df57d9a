using System.Globalization;
using System.Net;

namespace Amtron.Cli.Run.Live;

/// <summary>The live options of `amtron run`, checked together: one line per problem.</summary>
internal static class LiveArguments
{
    /// <summary>The options for a live run (null when not asked for one), or the problem with them.</summary>
    public static string? Parse(bool serveEms, int? emsPort, int? meterPort, double? speed, string? bind, out LiveOptions? live)
    {
        live = null;
        if (!serveEms && meterPort is null)
        {
            var stray = emsPort is not null ? "--ems-port" : speed is not null ? "--speed" : bind is not null ? "--bind" : null;
            return stray is null ? null : $"{stray} needs --serve-ems or --serve-meter";
        }

        if (emsPort is not null && !serveEms)
        {
            return "--ems-port needs --serve-ems";
        }

        if (emsPort is < 1 or > IPEndPoint.MaxPort)
        {
            return $"--ems-port {emsPort} is not a TCP port (1-65535)";
        }

        if (meterPort is < 0 or > IPEndPoint.MaxPort)
        {
            return $"--serve-meter {meterPort} is not a TCP port (0-65535; 0 = any free port)";
        }

        if (speed is { } s && (!double.IsFinite(s) || s <= 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"--speed must be a positive number, not {s}");
        }

        if (!IPAddress.TryParse(bind ?? "127.0.0.1", out var address))
        {
            return $"--bind '{bind}' is not an IP address";
        }

        live = new LiveOptions(speed ?? 1, emsPort, meterPort, address) { ServeEms = serveEms };
        return null;
    }
}
