namespace Kpi.Computation.Tests;

// Hand-made monthly data, written out in the tests.
internal static class Series
{
    public static YearMonth Month(string text) => YearMonth.Parse(text);

    /// <summary>Consecutive months from <paramref name="first"/> on.</summary>
    public static QuantityTable Fill(this QuantityTable table, string code, string first, params long[] values)
    {
        var month = Month(first);
        foreach (var value in values)
        {
            table.Set(code, month, value);
            month = month.AddMonths(1);
        }

        return table;
    }

    /// <summary>The same value in every month first..last.</summary>
    public static QuantityTable Constant(this QuantityTable table, string code, string first, string last, long value)
    {
        for (var month = Month(first); month <= Month(last); month = month.AddMonths(1))
        {
            table.Set(code, month, value);
        }

        return table;
    }

    public static FigureDefinition Figure(string id) => KpiCatalogue.FindFigure(id) ?? throw new ArgumentException(id);

    public static Rational R(long numerator, long denominator) => new(numerator, denominator);

    public static Rational R(string text) => Rational.Parse(text);
}
