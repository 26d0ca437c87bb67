namespace Agreements.API.Model;

/// <summary>
/// What the rules need to know of a party on the agreement's date, read from the party registry.
/// </summary>
/// <param name="Kind">The registry's token: "federal_ministry", "state_ministry", "federal_agency",
/// "regional_directorate", "employment_agency", "municipal_carrier", "jobcenter", "body".</param>
/// <param name="JobcenterForm">"gE" or "zkT": of a jobcenter its own form, of a municipal carrier the form of its jobcenter.</param>
/// <param name="JobcenterId">Of a municipal carrier: its jobcenter on that date.</param>
/// <param name="CarrierId">Of a jobcenter: its municipal carrier.</param>
/// <param name="PartnerAgencyId">Of a gE jobcenter: its employment agency.</param>
internal sealed record PartyFacts(
    string Id,
    string Kind,
    string Name,
    string ShortName,
    string Ags,
    string State,
    string JobcenterForm = "",
    string JobcenterId = "",
    string CarrierId = "",
    string PartnerAgencyId = "")
{
    public const string FederalMinistry = "federal_ministry";
    public const string StateMinistry = "state_ministry";
    public const string FederalAgency = "federal_agency";
    public const string RegionalDirectorate = "regional_directorate";
    public const string EmploymentAgency = "employment_agency";
    public const string MunicipalCarrier = "municipal_carrier";
    public const string Jobcenter = "jobcenter";
    public const string Ge = "gE";
    public const string Zkt = "zkT";
}
