namespace Amtron.Cli.Meter.Record;

/// <summary>What `amtron meter read HOST[:PORT] --csv FILE` was asked for.</summary>
/// <param name="Target">HOST or HOST:PORT of the meter.</param>
/// <param name="CsvPath">The profile to write: a new file, never one that exists.</param>
internal sealed record MeterRecordRequest(string Target, string CsvPath)
{
    /// <summary>Modbus unit id.</summary>
    public byte Unit { get; init; } = 1;

    /// <summary>Milliseconds to wait for each answer.</summary>
    public int TimeoutMs { get; init; } = 2000;

    /// <summary>Time between samples, as written (e.g. 1s, 500ms).</summary>
    public string Every { get; init; } = "1s";

    /// <summary>How long to record (e.g. 1h, 90m); null: until Ctrl+C or SIGTERM.</summary>
    public string? Duration { get; init; }

    /// <summary>The clock the samples are scheduled on and stamped with (tests: one that steps at once).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
