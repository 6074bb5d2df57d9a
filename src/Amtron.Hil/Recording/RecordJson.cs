using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amtron.Hil.Recording;

/// <summary>
/// The recording's JSON contracts, generated at compile time: no reflection, so a recording is written and replayed
/// the same by the tool compiled ahead of time (Native AOT, docs/performance.md).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecordHeader))]
[JsonSerializable(typeof(CycleRecord))]
internal sealed partial class RecordJson : JsonSerializerContext;
