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

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[\w.]+)'\.$")]
    private static partial Regex UnparsableValue();
}
