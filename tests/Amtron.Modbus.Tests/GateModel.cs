using Amtron.Modbus.Protocol;
using Amtron.Modbus.Server;

namespace Amtron.Modbus.Tests;

/// <summary>
/// A device whose register reads (of every address, or of <c>heldAddress</c> only) wait until the test opens the gate:
/// a request the server is busy answering. Registers read 7.
/// </summary>
internal sealed class GateModel(int? heldAddress = null) : IModbusDataModel, IDisposable
{
    private readonly SemaphoreSlim _entered = new(0);
    private readonly ManualResetEventSlim _open = new();

    public DeviceIdentification? Identification => null;

    /// <summary>Waits until a read has reached the model (and is held there).</summary>
    public async Task EnteredAsync() => Assert.True(await _entered.WaitAsync(ScriptedPeer.Guard), "no request reached the model");

    public void Open() => _open.Set();

    public ExceptionCode ReadRegisters(FunctionCode table, ushort address, Span<ushort> values)
    {
        if (heldAddress is null || heldAddress == address)
        {
            _entered.Release();
            Assert.True(_open.Wait(ScriptedPeer.Guard), "the gate was never opened");
        }

        values.Fill(7);
        return ExceptionCode.None;
    }

    public ExceptionCode ReadBits(FunctionCode table, ushort address, Span<bool> values) => ExceptionCode.IllegalFunction;

    public ExceptionCode WriteCoils(ushort address, ReadOnlySpan<bool> values) => ExceptionCode.IllegalFunction;

    public ExceptionCode WriteRegisters(ushort address, ReadOnlySpan<ushort> values) => ExceptionCode.IllegalFunction;

    public void Dispose()
    {
        _open.Set();
        _entered.Dispose();
        _open.Dispose();
    }
}
