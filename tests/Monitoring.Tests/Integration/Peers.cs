using Zielsteuerung.Parties.V1;

namespace Monitoring.Tests.Integration;

/// <summary>
/// A Vergleichstyp for the comparison tests: the reference data name none, so before any test runs Kreis Borken's
/// jobcenter gets type Ia and three test jobcenters of NRW join it (the registry's PartyChanged events are handled
/// before any agreement is monitored, so no test's lines are recomputed by them).
/// </summary>
internal static class Peers
{
    public const string Vergleichstyp = "Ia";

    /// <summary>The AGS of the three test jobcenters (unused in NRW).</summary>
    public static readonly string[] Keys = ["05901", "05902", "05903"];

    public static async Task RegisterAsync(PartyRegistry.PartyRegistryClient registry)
    {
        var borken = await registry.GetPartyAsync(new GetPartyRequest { Id = "jc-05554" });
        await registry.RecordChangeAsync(new RecordChangeRequest
        {
            PartyId = borken.Id, ExpectedVersion = borken.Version, EffectiveDate = "2005-01-01", Vergleichstyp = Vergleichstyp,
            Reason = "monitoring tests: a Vergleichstyp to compare in",
        });
        foreach (var ags in Keys)
        {
            var carrier = await registry.RegisterPartyAsync(new RegisterPartyRequest
            {
                Id = "kt-" + ags, Kind = PartyKind.MunicipalCarrier, Name = "Testkreis " + ags, Ags = ags, ValidFrom = "2005-01-01",
            });
            await registry.RegisterPartyAsync(new RegisterPartyRequest
            {
                Id = "jc-" + ags, Kind = PartyKind.Jobcenter, Name = "Jobcenter Testkreis " + ags, Ags = ags, Form = JobcenterForm.Zkt,
                Vergleichstyp = Vergleichstyp, ValidFrom = "2005-01-01",
                Relations = { new Relation { Kind = RelationKind.Carrier, PartyId = carrier.Id } },
            });
        }
    }
}
