using System.Globalization;
using Kpi.Computation;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Registry;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Reads;

/// <summary>Who a read is about: one jobcenter, or the members of a group with how they are combined.</summary>
internal sealed record ReadSubject(IReadOnlyList<Jobcenter> Members, bool IsGroup, Aggregation Aggregation)
{
    public bool MeanOfMembers => IsGroup && Aggregation == Aggregation.MeanOfMembers;
}

/// <summary>The common parts of a read request, checked: sex, basis, as-of.</summary>
internal static class ReadScope
{
    public static Sex SexOf(Sex sex) => sex switch
    {
        Sex.Unspecified or Sex.Total => Sex.Total,
        Sex.Women or Sex.Men => sex,
        _ => throw new InvalidRequestException("sex", "TOTAL, WOMEN or MEN."),
    };

    public static DataBasis BasisOf(DataBasis basis) => basis switch
    {
        DataBasis.Unspecified or DataBasis.Final => DataBasis.Final,
        DataBasis.T0 => DataBasis.T0,
        _ => throw new InvalidRequestException("basis", "T0 or FINAL."),
    };

    public static DateTimeOffset? AsOf(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
            && text.Contains('T', StringComparison.Ordinal)
            ? moment
            : throw new InvalidRequestException("as_of", $"'{text}' is not an RFC 3339 timestamp (e.g. \"2024-02-15T00:00:00Z\").");
    }

    public static YearMonth Month(string text, string field) => YearMonth.TryParse(text, out var month) && month.Year is >= 2005 and <= 2100
        ? month
        : throw new InvalidRequestException(field, $"'{text}' is not a month yyyy-MM (from 2005-01).");

    public static string Text(Rational? value, int decimals = -1) => value is not { } v ? "" : decimals < 0 ? v.ToExactString() : v.ToDecimalString(decimals);
}
