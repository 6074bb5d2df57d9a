namespace Amtron.Benchmarks.Allocate.Legacy;

/// <summary>
/// Where a value sits in a request, e.g. <c>chargePoints[2].phases[0]</c>. Up to two segments (a name with an
/// optional index) are kept unformatted, so reading a valid charge point builds no path strings; text is only made
/// when an error is reported or the path grows deeper.
/// </summary>
internal readonly struct JsonPath
{
    private const int NoIndex = -1;

    private readonly string _prefix;
    private readonly Segment _first;
    private readonly Segment _second;

    private JsonPath(string prefix, Segment first, Segment second)
    {
        _prefix = prefix;
        _first = first;
        _second = second;
    }

    /// <summary>The request line as a whole.</summary>
    public static JsonPath Root => new(string.Empty, default, default);

    /// <summary>A field of this value.</summary>
    public JsonPath Field(string name) =>
        _first.IsEmpty ? new(_prefix, new Segment(name, NoIndex, true), default)
        : _second.IsEmpty ? new(_prefix, _first, new Segment(name, NoIndex, true))
        : new(ToString(), new Segment(name, NoIndex, true), default);

    /// <summary>An item of this array.</summary>
    public JsonPath Item(int index) =>
        !_second.IsEmpty ? (_second.Index == NoIndex ? new(_prefix, _first, _second with { Index = index }) : new(ToString(), new Segment(null, index, true), default))
        : !_first.IsEmpty ? (_first.Index == NoIndex ? new(_prefix, _first with { Index = index }, default) : new(_prefix, _first, new Segment(null, index, true)))
        : new(_prefix, new Segment(null, index, true), default);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = _second.AppendTo(_first.AppendTo(_prefix));
        return text.Length == 0 ? "$" : text;
    }

    private readonly record struct Segment(string? Name, int Index, bool Used)
    {
        public bool IsEmpty => !Used;

        public string AppendTo(string text)
        {
            if (IsEmpty)
            {
                return text;
            }

            var named = Name is null ? text : text.Length == 0 ? Name : $"{text}.{Name}";
            return Index == NoIndex ? named : $"{named}[{Index}]";
        }
    }
}
