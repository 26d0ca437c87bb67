using Mv = Zielsteuerung.Monitoring.V1;

namespace Monitoring.API.Evaluation;

/// <summary>A status as the database and the events write it: the contract's enum name without prefix, lower case.</summary>
internal static class StatusTokens
{
    public static string Of(Mv.TargetStatus status) => status switch
    {
        Mv.TargetStatus.OnTrack => "on_track",
        Mv.TargetStatus.AtRisk => "at_risk",
        Mv.TargetStatus.OffTrack => "off_track",
        Mv.TargetStatus.Achieved => "achieved",
        Mv.TargetStatus.Missed => "missed",
        Mv.TargetStatus.NoData => "no_data",
        Mv.TargetStatus.NotAssessable => "not_assessable",
        Mv.TargetStatus.Observed => "observed",
        _ => "",
    };

    public static Mv.TargetStatus Parse(string token) =>
        Enum.GetValues<Mv.TargetStatus>().FirstOrDefault(s => Of(s) == token && token.Length > 0);
}
