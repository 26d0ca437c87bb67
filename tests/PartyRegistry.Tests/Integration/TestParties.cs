using System.Globalization;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.Tests.Integration;

/// <summary>Fresh parties for tests that write, so tests never share state: fictitious Kreise of the Saarland (AGS 10xxx).</summary>
internal static class TestParties
{
    private static int _next = 900;

    public static string NextAgs() => "10" + Interlocked.Increment(ref _next).ToString("000", CultureInfo.InvariantCulture);

    public static async Task<(Party Carrier, Party Jobcenter)> RegisterZktAsync(PartyRegistryClient client, string from = "2005-01-01")
    {
        var ags = NextAgs();
        var carrier = await client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "kt-" + ags, Kind = PartyKind.MunicipalCarrier, Name = "Testkreis " + ags, Ags = ags, ValidFrom = from,
        });
        var jobcenter = await client.RegisterPartyAsync(new RegisterPartyRequest
        {
            Id = "jc-" + ags,
            Kind = PartyKind.Jobcenter,
            Name = "Jobcenter Testkreis " + ags,
            Ags = ags,
            Form = JobcenterForm.Zkt,
            ValidFrom = from,
            Relations = { new Relation { Kind = RelationKind.Carrier, PartyId = carrier.Id } },
        });
        return (carrier, jobcenter);
    }
}
