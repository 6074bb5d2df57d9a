using System.Globalization;
using Amtron.Modbus.Client;
using Amtron.VirtualCharger.Ems;
using Amtron.VirtualMeter.Pac2200;

namespace Amtron.Hil.Devices;

/// <summary>An AMTRON connector's EMS interface over Modbus TCP.</summary>
public sealed class AmtronLink : IChargerLink, IAsyncDisposable
{
    private readonly ModbusTcpClient _modbus;
    private readonly AmtronEmsClient _client;

    /// <summary>A link to <paramref name="host"/>:<paramref name="port"/>, unit <paramref name="unit"/>; requests time out after <paramref name="timeout"/>.</summary>
    public AmtronLink(string host, int port, byte unit, TimeSpan timeout, TimeProvider time)
    {
        _modbus = new ModbusTcpClient(new ModbusClientOptions { Host = host, Port = port, UnitId = unit, Timeout = timeout, Time = time, MaxReconnectDelay = TimeSpan.FromSeconds(5) });
        _client = new AmtronEmsClient(_modbus);
        Address = string.Create(CultureInfo.InvariantCulture, $"{host}:{port} unit {unit}");
    }

    /// <inheritdoc />
    public string Address { get; }

    /// <inheritdoc />
    public Task<EmsObservation> ReadAsync(CancellationToken cancellationToken) => _client.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<(int SafeCurrent, int TimeoutSeconds)> ReadSafetyAsync(CancellationToken cancellationToken)
    {
        var values = await _modbus.ReadHoldingRegistersAsync(AmtronEmsMap.SafeCurrent, 2, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (values[0], values[1]);
    }

    /// <inheritdoc />
    public Task WriteLimitAsync(int amps, CancellationToken cancellationToken) => _client.WriteLimitAsync(amps, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _modbus.DisposeAsync();
}

/// <summary>A PAC2200 over Modbus TCP.</summary>
public sealed class Pac2200Link : IMeterLink, IAsyncDisposable
{
    private readonly ModbusTcpClient _modbus;
    private readonly Pac2200Client _client;

    /// <summary>A link to <paramref name="host"/>:<paramref name="port"/>, unit <paramref name="unit"/>; requests time out after <paramref name="timeout"/>.</summary>
    public Pac2200Link(string host, int port, byte unit, TimeSpan timeout, TimeProvider time)
    {
        _modbus = new ModbusTcpClient(new ModbusClientOptions { Host = host, Port = port, UnitId = unit, Timeout = timeout, Time = time, MaxReconnectDelay = TimeSpan.FromSeconds(5) });
        _client = new Pac2200Client(_modbus, time);
        Address = string.Create(CultureInfo.InvariantCulture, $"{host}:{port} unit {unit}");
    }

    /// <inheritdoc />
    public string Address { get; }

    /// <inheritdoc />
    public Task<Pac2200Reading> ReadAsync(CancellationToken cancellationToken) => _client.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _modbus.DisposeAsync();
}
