using YamlDotNet.RepresentationModel;

namespace Amtron.Site.Scenarios;

/// <summary>
/// Where a session was written (its YAML mapping or CSV row) and where the values are that its checks judge, so an
/// error points at the value: the mapping itself stands in for a value it inherits from the defaults.
/// </summary>
internal readonly record struct SessionPlace(Place Session, Place Arrival, Place Departure, Place ChargePoint, Place Phases)
{
    /// <summary>A listed session: each value where its key is, or the mapping when it has none.</summary>
    public static SessionPlace Of(YamlFields y, YamlNode session)
    {
        Place At(string key) => y.PlaceOf(YamlFields.Locate(session, key));
        return new SessionPlace(y.PlaceOf(session), At("arrival"), At("departure"), At("chargePoint"), At("phases"));
    }
}
