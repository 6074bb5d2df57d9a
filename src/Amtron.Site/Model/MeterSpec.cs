namespace Amtron.Site.Model;

/// <summary>The external meter (PAC2200 or EEM-MB371) as installed: how often it is polled and when it fails.</summary>
/// <param name="PollInterval">The master reads it this often; the decision uses the last reading.</param>
public sealed record MeterSpec(TimeSpan PollInterval)
{
    /// <summary>The Siemens SENTRON PAC2200 (7KM2200), the meter with the downgrade input (6.5).</summary>
    public const string Pac2200 = "PAC2200";

    /// <summary>The Phoenix Contact EEM-MB371-EIP.</summary>
    public const string EemMb371 = "EEM-MB371";

    /// <summary>Which meter: <see cref="Pac2200"/> or <see cref="EemMb371"/>.</summary>
    public string Type { get; init; } = Pac2200;

    /// <summary>Times the meter does not answer.</summary>
    public IReadOnlyList<TimeWindow> Failures { get; init; } = [];

    /// <summary>Times the digital (downgrade) input is energised.</summary>
    public IReadOnlyList<TimeWindow> DigitalInputActive { get; init; } = [];

    /// <summary>Whether the digital (downgrade) input is energised at <paramref name="time"/>.</summary>
    public bool DigitalInputAt(DateTimeOffset time) => TimeWindow.AnyContains(DigitalInputActive, time);

    /// <summary>Whether the meter fails to answer a poll at <paramref name="time"/>.</summary>
    public bool FailedAt(DateTimeOffset time) => TimeWindow.AnyContains(Failures, time);

    /// <summary>The instant of the last poll at or before <paramref name="time"/> (polls start at <paramref name="start"/>).</summary>
    public DateTimeOffset LastPollAt(DateTimeOffset start, DateTimeOffset time) =>
        start.AddTicks((time - start).Ticks / PollInterval.Ticks * PollInterval.Ticks);

    /// <summary>Where the meter answers Modbus TCP (host name or address), for <c>amtron hil</c>; null when not given.</summary>
    public string? Host { get; init; }

    /// <summary>Its Modbus TCP port.</summary>
    public int Port { get; init; } = 502;

    /// <summary>Its Modbus unit id.</summary>
    public byte Unit { get; init; } = 1;

    /// <summary>What the meter measures as wired, when given; must agree with the networks' meter location.</summary>
    public MeterWiring? Wiring { get; init; }
}
