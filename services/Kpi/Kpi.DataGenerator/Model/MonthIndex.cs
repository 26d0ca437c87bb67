namespace Kpi.DataGenerator.Model;

/// <summary>Months as one number (year × 12 + month − 1), to step and compare them cheaply.</summary>
internal static class MonthIndex
{
    public static int Of(int year, int month) => year * 12 + month - 1;

    public static int Year(int index) => index / 12;

    /// <summary>1 … 12.</summary>
    public static int Month(int index) => index % 12 + 1;

    public static string Format(int index) => $"{Year(index):D4}-{Month(index):D2}";

    public static bool TryParse(string text, out int index)
    {
        index = 0;
        var span = text.AsSpan().Trim();
        if (span.Length != 7 || span[4] != '-'
            || !int.TryParse(span[..4], System.Globalization.NumberStyles.None, null, out var year)
            || !int.TryParse(span[5..], System.Globalization.NumberStyles.None, null, out var month)
            || month is < 1 or > 12)
            return false;
        index = Of(year, month);
        return true;
    }

    public static int Parse(string text) =>
        TryParse(text, out var index) ? index : throw new FormatException($"month '{text}' is not yyyy-MM");
}
