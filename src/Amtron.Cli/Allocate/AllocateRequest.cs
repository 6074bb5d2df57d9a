using Amtron.Dlm.Decision;
using Amtron.Dlm.Settings;

namespace Amtron.Cli.Allocate;

/// <summary>One line of `amtron allocate` input, validated.</summary>
internal sealed record AllocateRequest(DlmSettings Settings, DecisionInput Input, ChargePointDemand[] ChargePoints);

/// <summary>A request line that could not be used: where (a JSON path) and what is wrong.</summary>
internal sealed record RequestError(string Path, string Message);
