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
        Silent ? Task.FromException<(int, int)>(new TimeoutException("no answer")) : Task.FromResult((SafeCurrent, TimeoutSeconds));

    public Task WriteLimitAsync(int amps, CancellationToken cancellationToken)
    {
        if (Silent || FailNextWrite)
        {
            FailNextWrite = false;
            return Task.FromException(new TimeoutException("no answer"));
        }

        Written.Add(amps);
        return Task.CompletedTask;
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

    public Task<Pac2200Reading> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Failing
        ? new Pac2200Reading(time.GetUtcNow(), ReadingStatus.Failed) { Error = "no answer" }
        : new Pac2200Reading(time.GetUtcNow(), ReadingStatus.Ok) { Currents = Currents });
}
