using System.Text.Json.Serialization;

namespace Amtron.Cli.Allocate;

/// <summary>
/// Source-generated reading of request lines. Unknown and duplicate fields are errors, not ignored: a misspelt or
/// repeated limit silently falling back to a default could let the tool allocate more current than the installer
/// meant. The value converters word every type error for an installer (docs/allocate.md).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    Converters = [typeof(NumberConverter), typeof(BooleanConverter), typeof(TextConverter), typeof(PhaseValuesConverter), typeof(PhaseSetConverter)])]
[JsonSerializable(typeof(AllocateRequestJson))]
internal sealed partial class AllocateJsonContext : JsonSerializerContext;
