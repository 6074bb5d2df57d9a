using System.Globalization;
using System.Net;
using Amtron.Modbus.Client;
using Amtron.VirtualMeter.Pac2200;

namespace Amtron.Cli.Meter;

/// <summary>`amtron meter read HOST[:PORT]`: one reading of a PAC2200 (ours or real), printed for a human.</summary>
internal static class MeterReadCommand
{
    private const int DefaultPort = 502;
    private const int ExitOk = 0;
    private const int ExitNoAnswer = 1;
    private const int ExitInvalid = 2;

    public static async Task<int> RunAsync(string target, byte unit, int timeoutMs, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParseTarget(target, out var host, out var port))
        {
            error.WriteLine($"amtron meter read: '{target}' is not HOST or HOST:PORT (port 1-65535)");
            return ExitInvalid;
        }

        if (timeoutMs <= 0)
        {
            error.WriteLine("amtron meter read: --timeout must be a positive number of milliseconds");
            return ExitInvalid;
        }

        using var modbus = new ModbusTcpClient(new ModbusClientOptions { Host = host, Port = port, UnitId = unit, Timeout = TimeSpan.FromMilliseconds(timeoutMs) });
        var reading = await new Pac2200Client(modbus).ReadAsync(cancellationToken).ConfigureAwait(false);
        if (reading.Status == ReadingStatus.Failed)
        {
            error.WriteLine($"amtron meter read: {Endpoint(host, port)} unit {unit}: {reading.Error}");
            return ExitNoAnswer;
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"PAC2200 at {Endpoint(host, port)} unit {unit}, {reading.Time:u}"));
        output.WriteLine(string.Create(c, $"  current    L1 {reading.Currents.L1.Value,9:0.000} A  L2 {reading.Currents.L2.Value,9:0.000} A  L3 {reading.Currents.L3.Value,9:0.000} A  (negative = export)"));
        output.WriteLine(string.Create(c, $"  voltage    L1 {reading.Voltages[0].Value,9:0.0} V  L2 {reading.Voltages[1].Value,9:0.0} V  L3 {reading.Voltages[2].Value,9:0.0} V"));
        output.WriteLine(string.Create(c, $"  power      L1 {reading.ActivePowerW[0],9:0} W  L2 {reading.ActivePowerW[1],9:0} W  L3 {reading.ActivePowerW[2],9:0} W  total {reading.TotalActivePowerW:0} W"));
        output.WriteLine(string.Create(c, $"  frequency  {reading.FrequencyHz:0.00} Hz   digital input {(reading.DigitalInput ? "on" : "off")}"));
        output.WriteLine(string.Create(c, $"  energy     import {reading.ImportWh / 1000:0.000} kWh  export {reading.ExportWh / 1000:0.000} kWh"));
        return ExitOk;
    }

    /// <summary>HOST, HOST:PORT, an IPv6 address, or [IPv6]:PORT (the brackets as in URLs, RFC 3986).</summary>
    internal static bool TryParseTarget(string target, out string host, out int port)
    {
        host = target;
        port = DefaultPort;
        string? portText = null;
        if (target.StartsWith('['))
        {
            var close = target.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < target.Length && target[close + 1] != ':'))
            {
                return false;
            }

            host = target[1..close];
            portText = close + 1 < target.Length ? target[(close + 2)..] : null;
        }
        else if (target.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 && colon == target.LastIndexOf(':'))
        {
            host = target[..colon];
            portText = target[(colon + 1)..];
        }

        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            return false;
        }

        return host.Length > 0 && !host.Any(char.IsWhiteSpace) && (!host.Contains(':', StringComparison.Ordinal) || IPAddress.TryParse(host, out _));
    }

    /// <summary>HOST:PORT as written back to a user, IPv6 in brackets.</summary>
    internal static string Endpoint(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
