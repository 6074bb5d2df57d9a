namespace Amtron.Site.Scenarios;

/// <summary>
/// Refuses absurdly deep nesting before the YAML library sees it: its parser recurses per flow level, and 100,000
/// nested brackets overflow the stack, which ends the process without any message. No scenario nests deeper than a
/// handful of levels; the limit is far above that.
/// </summary>
internal static class YamlNesting
{
    /// <summary>Most flow collections ([ or {) open at once, and most "- " markers starting one line.</summary>
    public const int MaximumDepth = 100;

    /// <summary>Throws a located <see cref="ScenarioException"/> at the first place nested deeper than <see cref="MaximumDepth"/>.</summary>
    public static void Check(string text, string file)
    {
        var depth = 0;
        var line = 1;
        var lineStart = 0;
        var quote = '\0';
        var atLineStart = true;
        var dashes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                atLineStart = true;
                dashes = 0;
                continue;
            }

            if (quote != '\0')
            {
                if (quote == '"' && c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            var afterSeparator = i == lineStart || text[i - 1] is ' ' or '\t' or '[' or '{' or ',' or ':';
            if (atLineStart && c == '-' && (i + 1 == text.Length || text[i + 1] is ' ' or '\t' or '\r' or '\n'))
            {
                // A block sequence entry; several on one line ("- - - x") nest without indenting.
                if (++dashes > MaximumDepth)
                {
                    throw TooDeep(file, line, i - lineStart + 1);
                }

                continue;
            }

            if (c is not ' ' and not '\t')
            {
                atLineStart = false;
            }

            switch (c)
            {
                case '#' when afterSeparator:
                    while (i + 1 < text.Length && text[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '"' or '\'' when afterSeparator:
                    quote = c;
                    break;
                case '[' or '{':
                    if (++depth > MaximumDepth)
                    {
                        throw TooDeep(file, line, i - lineStart + 1);
                    }

                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
    }

    private static ScenarioException TooDeep(string file, int line, int column) =>
        new(file, line, column, $"nested deeper than {MaximumDepth} levels; a scenario needs only a few");
}
