using System.CommandLine;
using System.Text.RegularExpressions;

namespace Amtron.Cli;

/// <summary>Command-line parse errors in the user's words: a value that is not a number says which numbers are meant.</summary>
internal static partial class UsageErrors
{
    public static string Explain(string message)
    {
        var match = UnparsableValue().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var kind = match.Groups["type"].Value switch
        {
            "System.Byte" => "a whole number from 0 to 255",
            "System.Int32" => "a whole number",
            "System.Double" => "a number",
            _ => "a value of the right kind",
        };
        return $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {kind}";
    }

    /// <summary>
    /// An unknown option given to <paramref name="command"/>, whose one argument is a <paramref name="file"/>: the
    /// parser takes the option for the file (and the file then for an unexpected argument), so it is named here as what
    /// it is. Null when there is none; a file whose name starts with '-' is taken when it exists.
    /// </summary>
    public static string? UnknownOption(ParseResult parsed, Command command, Argument<string> file)
    {
        if (parsed.CommandResult.Command != command)
        {
            return null;
        }

        // The tokens, not GetValue: that throws when the file is missing, an error the parser words itself.
        var given = parsed.GetResult(file)?.Tokens.Select(t => t.Value) ?? [];
        var option = given.Concat(parsed.UnmatchedTokens).FirstOrDefault(t => t is ['-', _, ..] && !File.Exists(t));
        return option is null ? null : UnknownOptionLine(option, command.Name);
    }

    /// <summary>The one line that names an unknown option of a command.</summary>
    public static string UnknownOptionLine(string option, string command) => $"amtron: unknown option '{option}' for {command} (see 'amtron --help')";

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[\w.]+)'\.$")]
    private static partial Regex UnparsableValue();
}
