using System.Globalization;
using Amtron.Site.Scenarios;

namespace Amtron.Site.Csv;

/// <summary>
/// Typed reads of the cells of a <see cref="CsvDataReader"/>'s current row. A bad cell is reported to the
/// <see cref="DiagnosticList"/> at <c>file:line:column</c> of the cell itself, and the read returns a placeholder, so a
/// caller reads the whole row, then compares <see cref="Errors"/> before and after to learn whether to use it.
/// </summary>
public sealed class CsvCells(CsvDataReader csv, string file, DiagnosticList diagnostics)
{
    /// <summary>Problems reported so far (in this file and others).</summary>
    public int Errors => diagnostics.Count;

    /// <summary>Cells in the current row.</summary>
    public int Count => csv.Count;

    /// <summary>A cell's text.</summary>
    public string Text(int index) => csv.Text(index);

    /// <summary>Reports a problem at a cell.</summary>
    public void Report(int index, string problem) => diagnostics.Add(file, csv.Line, csv.Column(index), problem);

    /// <summary>True when the row has <paramref name="minimum"/> to <paramref name="maximum"/> cells; otherwise reported.</summary>
    public bool CountBetween(int minimum, int maximum, string columns)
    {
        if (csv.Count >= minimum && csv.Count <= maximum)
        {
            return true;
        }

        var column = csv.Count > maximum ? csv.Column(maximum) : csv.EndColumn;
        diagnostics.Add(file, csv.Line, column, $"expected the columns {columns}, found {csv.Count}");
        return false;
    }

    /// <summary>A UTC time, or a duration after <paramref name="start"/> (e.g. 8h30m); placeholder <paramref name="start"/>.</summary>
    public DateTimeOffset Time(int index, DateTimeOffset start)
    {
        var text = csv[index];
        if (DurationText.TryParse(text, out var offset) && offset <= DateTimeOffset.MaxValue - start)
        {
            return start + offset;
        }

        if (IsoTime.TryParse(text, out var time))
        {
            return time;
        }

        Report(index, $"'{text}' is not a UTC time or a duration after the start");
        return start;
    }

    /// <summary>A finite number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; placeholder the minimum.</summary>
    public double Number(int index, string what, double minimum, double maximum)
    {
        var text = csv[index];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        Report(index, string.Create(CultureInfo.InvariantCulture, $"{what} must be a number from {minimum} to {maximum}, not '{text}'"));
        return minimum;
    }

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>]; placeholder the minimum.</summary>
    public long Whole(int index, string what, long minimum, long maximum)
    {
        var before = Errors;
        var value = Number(index, what, minimum, maximum);
        if (Errors == before && value != Math.Floor(value))
        {
            Report(index, $"{what} must be a whole number from {minimum} to {maximum}, not '{csv[index]}'");
            return minimum;
        }

        return (long)value;
    }
}
