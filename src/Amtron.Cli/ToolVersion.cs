using System.Reflection;

namespace Amtron.Cli;

/// <summary>The tool's version as built (e.g. 0.13.0+5b9dc31…): written with every result so it can be traced.</summary>
internal static class ToolVersion
{
    public static string Text { get; } =
        typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
