using Amtron.Dlm.Units;
using Amtron.Modbus.Client;

namespace Amtron.VirtualMeter.Pac2200;

/// <summary>
/// Reads a PAC2200 (real or virtual) into a <see cref="Pac2200Reading"/>: every <see cref="Pac2200Map"/> value the
/// client reads, one request per run of adjacent values (1..70, 205..212, 801..816). Failures are values, not
/// exceptions: a meter that does not answer gives <see cref="ReadingStatus.Failed"/>; one whose values have not
/// changed at all for <see cref="StaleAfter"/> gives <see cref="ReadingStatus.Stale"/>.
/// </summary>
public sealed class Pac2200Client(ModbusTcpClient modbus, TimeProvider? time = null)
{
    private static readonly Block[] Blocks = Block.Plan(Pac2200Map.All.Where(v => v.ReadByClient));
    private readonly ModbusTcpClient _modbus = modbus ?? throw new ArgumentNullException(nameof(modbus));
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private ushort[]? _lastImage;
    private DateTimeOffset _lastChange;

    /// <summary>How long identical values may repeat before a reading counts as stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Far above any current a PAC2200 measures (its transformers' primaries); beyond it a value is a fault.</summary>
    private const double MaximumAmps = 1_000_000;

    /// <summary>Reads the meter once.</summary>
    public async Task<Pac2200Reading> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var answers = new ushort[Blocks.Length][];
        try
        {
            for (var b = 0; b < Blocks.Length; b++)
            {
                answers[b] = await _modbus.ReadHoldingRegistersAsync(Blocks[b].Start, Blocks[b].Count, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException or ModbusException)
        {
            return new Pac2200Reading(now, ReadingStatus.Failed) { Error = e.Message };
        }

        var values = new Dictionary<Pac2200Register, double>();
        for (var b = 0; b < Blocks.Length; b++)
        {
            foreach (var value in Blocks[b].Values)
            {
                values[value] = value.Decode(answers[b].AsSpan(value.Address - Blocks[b].Start, value.Width));
            }
        }

        ushort[] image = [.. answers.SelectMany(a => a)];
        if (_lastImage is null || !image.AsSpan().SequenceEqual(_lastImage))
        {
            _lastImage = image;
            _lastChange = now;
        }

        var currents = new double[3];
        for (var p = 0; p < 3; p++)
        {
            var magnitude = values[Pac2200Map.Current[p]];
            currents[p] = values[Pac2200Map.ActivePower[p]] < 0 ? -magnitude : magnitude;
        }

        // A meter fault can put NaN or infinity in a float register: that is no reading, and a DLM must fall back.
        if (Array.FindIndex(currents, c => !double.IsFinite(c) || Math.Abs(c) > MaximumAmps) is var bad and >= 0)
        {
            return new Pac2200Reading(now, ReadingStatus.Failed) { Error = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the meter answered L{bad + 1} current {currents[bad]}, not a current") };
        }

        return new Pac2200Reading(now, now - _lastChange > StaleAfter ? ReadingStatus.Stale : ReadingStatus.Ok)
        {
            Values = values,
            CurrentsA = currents,
            Currents = PhaseCurrents.FromDoubles(currents[0], currents[1], currents[2]),
            Voltages = [.. Pac2200Map.Voltage.Select(v => new Volts(values[v]))],
            ActivePowerW = [.. Pac2200Map.ActivePower.Select(v => values[v])],
            TotalActivePowerW = values[Pac2200Map.TotalActivePower],
            FrequencyHz = values[Pac2200Map.Frequency],
            ImportWh = values[Pac2200Map.ImportT1] + values[Pac2200Map.ImportT2],
            ExportWh = values[Pac2200Map.ExportT1] + values[Pac2200Map.ExportT2],
            DigitalInput = ((uint)values[Pac2200Map.DigitalInputs] & 1) != 0,
        };
    }

    /// <summary>One request: adjacent values from <see cref="Start"/>.</summary>
    private sealed record Block(ushort Start, ushort Count, IReadOnlyList<Pac2200Register> Values)
    {
        /// <summary>Splits <paramref name="values"/> into runs of adjacent registers.</summary>
        public static Block[] Plan(IEnumerable<Pac2200Register> values)
        {
            var blocks = new List<Block>();
            var run = new List<Pac2200Register>();
            foreach (var value in values.OrderBy(v => v.Address))
            {
                if (run.Count > 0 && run[^1].Address + run[^1].Width != value.Address)
                {
                    blocks.Add(Of(run));
                    run = [];
                }

                run.Add(value);
            }

            if (run.Count > 0)
            {
                blocks.Add(Of(run));
            }

            return [.. blocks];
        }

        private static Block Of(List<Pac2200Register> run) =>
            new(run[0].Address, checked((ushort)(run[^1].Address + run[^1].Width - run[0].Address)), run);
    }
}
