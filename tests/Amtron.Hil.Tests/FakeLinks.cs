using Amtron.Dlm.Units;
using Amtron.Hil.Devices;
using Amtron.VirtualCharger.Ems;
using Amtron.VirtualMeter.Pac2200;

namespace Amtron.Hil.Tests;

/// <summary>A charge point whose answers the test sets, and which remembers what was written.</summary>
internal sealed class FakeCharger(string address) : IChargerLink
{
    public string Address { get; } = address;

    public EmsObservation Answer { get; set; } = new(VehicleState.A, 0, [0, 0, 0], 0, 0);

    public bool Silent { get; set; }

    public int SafeCurrent { get; set; } = 6;

    public int TimeoutSeconds { get; set; }

    public List<int> Written { get; } = [];

    public bool FailNextWrite { get; set; }

    /// <summary>131 and 132 cannot be read, though the point answers otherwise.</summary>
    public bool SafetyUnreadable { get; set; }

    /// <summary>How long a write takes to be answered (real time; the caller's token can end the wait).</summary>
    public TimeSpan WriteDelay { get; set; }

    /// <summary>A charging vehicle that draws its HEMS limit on every phase (a vehicle that follows its signal).</summary>
    public bool Follows { get; set; }

    public Task<EmsObservation> ReadAsync(CancellationToken cancellationToken)
    {
        if (Silent)
        {
            return Task.FromResult(EmsObservation.Failed("no answer within 1000 ms"));
        }

        var limit = Written.Count == 0 ? 0 : Written[^1];
        return Task.FromResult(Follows ? new EmsObservation(VehicleState.C, 3, [limit, limit, limit], limit, 32) : Answer);
    }

    public Task<(int SafeCurrent, int TimeoutSeconds)> ReadSafetyAsync(CancellationToken cancellationToken) =>
        Silent || SafetyUnreadable ? Task.FromException<(int, int)>(new TimeoutException("no answer")) : Task.FromResult((SafeCurrent, TimeoutSeconds));

    public async Task WriteLimitAsync(int amps, CancellationToken cancellationToken)
    {
        if (Silent || FailNextWrite)
        {
            FailNextWrite = false;
            throw new TimeoutException("no answer");
        }

        if (WriteDelay > TimeSpan.Zero)
        {
            await Task.Delay(WriteDelay, cancellationToken);
        }

        Written.Add(amps);
    }

    /// <summary>A 3-phase vehicle plugged in (state C) that draws what it is allowed.</summary>
    public void Charging() => Follows = true;
}

/// <summary>A meter whose reading the test sets.</summary>
internal sealed class FakeMeter(TimeProvider time) : IMeterLink
{
    public string Address => "meter";

    public PhaseCurrents Currents { get; set; }

    public bool Failing { get; set; }

    /// <summary>The downgrade input (DI 0.0) as the meter reports it.</summary>
    public bool DigitalInput { get; set; }

    /// <summary>The meter answers, but its values have not changed for longer than the stale limit (no error text).</summary>
    public bool Stale { get; set; }

    public Task<Pac2200Reading> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Failing
        ? new Pac2200Reading(time.GetUtcNow(), ReadingStatus.Failed) { Error = "no answer" }
        : new Pac2200Reading(time.GetUtcNow(), Stale ? ReadingStatus.Stale : ReadingStatus.Ok) { Currents = Currents, DigitalInput = DigitalInput });
}
