using System.Text.Json;
using Amtron.Cli.Allocate;

namespace Amtron.Cli.Tests.Allocate;

/// <summary>Runs `amtron allocate` in-process on given lines and parses what it printed.</summary>
internal static class AllocateHarness
{
    public const string Settings100 = "\"settings\":{\"evseSubDistributionLimit\":[100,100,100]}";

    public static (int ExitCode, JsonElement[] Responses, string[] Lines) RunAllocate(params string[] lines)
    {
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        using var output = new MemoryStream();
        var exit = AllocateCommand.Run(input, output);
        var printed = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var responses = printed.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        return (exit, responses, printed);
    }

    public static JsonElement Single(string line)
    {
        var (exit, responses, _) = RunAllocate(line);
        Assert.Single(responses);
        Assert.False(responses[0].TryGetProperty("error", out var error), error.ToString());
        Assert.Equal(0, exit);
        return responses[0];
    }

    public static string Error(string line)
    {
        var (exit, responses, _) = RunAllocate(line);
        Assert.Equal(1, exit);
        Assert.Single(responses);
        Assert.Single(responses[0].EnumerateObject());
        return responses[0].GetProperty("error").GetString()!;
    }

    public static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    public static int[] Currents(JsonElement response) =>
        [.. response.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("current").GetInt32())];

    public static string Cp(string id, string phases = "\"L1\",\"L2\",\"L3\"", int installation = 32, string extra = "") =>
        $"{{\"id\":\"{id}\",\"installationCurrentLimit\":{installation},\"phases\":[{phases}]{extra}}}";
}
