using Amtron.Dlm.Units;
using Amtron.Grid.Protection;
using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>What protects a line: a plain limit (a number or [L1, L2, L3]) or a named device {rating, type}.</summary>
internal sealed partial class ScenarioReader
{
    /// <summary>
    /// A limit per phase and, when the file names it as <c>{rating: 63, type: gG}</c>, the protective device whose
    /// rating it is on every phase (docs/grid.md).
    /// </summary>
    private (PhaseCurrents Limit, ProtectiveDevice? Device) ReadProtection(YamlNode node, string what, bool whole)
    {
        if (node is not YamlMappingNode)
        {
            return (y.PhaseAmps(node, what, whole), null);
        }

        var f = y.Fields(node, what, "rating", "type");
        var ratingNode = y.Required(f, node, "rating", what);
        var typeNode = y.Required(f, node, "type", what);
        var rating = y.Amps(ratingNode, $"{what} rating");
        var typeText = y.String(typeNode, $"{what} type");
        var limit = new PhaseCurrents(rating, rating, rating);
        if (y.Failed(ratingNode) || y.Failed(typeNode))
        {
            return (limit, null);
        }

        if (DeviceKindNames.Parse(typeText) is not { } kind)
        {
            y.Reject(typeNode, $"{what} type must be one of {string.Join(", ", DeviceKindNames.All)}, not '{typeText}'");
            return (limit, null);
        }

        var device = ProtectiveDevice.Create(kind, rating, out var problem);
        if (problem is not null)
        {
            y.Reject(ratingNode, $"{what}: {problem}");
        }

        return (limit, device);
    }
}
