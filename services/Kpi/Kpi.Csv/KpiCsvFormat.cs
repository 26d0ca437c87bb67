using Zielsteuerung.Kpi.V1;

namespace Kpi.Csv;

/// <summary>The words of the KPI delivery CSV format (docs/kpi-csv.md).</summary>
public static class KpiCsvFormat
{
    public const char Separator = ';';
    public const char CommentMark = '#';

    public static readonly IReadOnlyList<string> Columns =
        ["jobcenter", "month", "code", "sex", "basis", "value", "numerator", "denominator"];

    public static readonly string HeaderLine = string.Join(Separator, Columns);

    public const string SexTotal = "insgesamt";
    public const string SexWomen = "frauen";
    public const string SexMen = "männer";
    public const string BasisT0 = "t-0";
    public const string BasisFinal = "final";

    public static string SexWord(Sex sex) => sex switch
    {
        Sex.Women => SexWomen,
        Sex.Men => SexMen,
        _ => SexTotal,
    };

    public static string BasisWord(DataBasis basis) => basis == DataBasis.T0 ? BasisT0 : BasisFinal;

    public static bool TryParseSex(ReadOnlySpan<char> word, out Sex sex)
    {
        if (word.Equals(SexTotal, StringComparison.OrdinalIgnoreCase)) sex = Sex.Total;
        else if (word.Equals(SexWomen, StringComparison.OrdinalIgnoreCase)) sex = Sex.Women;
        else if (word.Equals(SexMen, StringComparison.OrdinalIgnoreCase) || word.Equals("maenner", StringComparison.OrdinalIgnoreCase)) sex = Sex.Men;
        else { sex = Sex.Unspecified; return false; }
        return true;
    }

    public static bool TryParseBasis(ReadOnlySpan<char> word, out DataBasis basis)
    {
        if (word.Equals(BasisT0, StringComparison.OrdinalIgnoreCase)) basis = DataBasis.T0;
        else if (word.Equals(BasisFinal, StringComparison.OrdinalIgnoreCase)) basis = DataBasis.Final;
        else { basis = DataBasis.Unspecified; return false; }
        return true;
    }
}
