namespace Kpi.Computation.Tests;

/// <summary>Small hand-made quantity tables: values for consecutive months, or one value over a range.</summary>
internal static class Tables
{
    public static YearMonth M(string month) => YearMonth.Parse(month);

    public static FigureDefinition Figure(string id) => KpiCatalogue.FindFigure(id) ?? throw new ArgumentException(id);

    public static QuantityTable Months(this QuantityTable table, string code, string from, params long[] values)
    {
        var month = M(from);
        foreach (var value in values)
        {
            table.Set(code, month, value);
            month = month.AddMonths(1);
        }

        return table;
    }

    public static QuantityTable Steady(this QuantityTable table, string code, string from, string to, long value)
    {
        for (var month = M(from); month <= M(to); month = month.AddMonths(1))
        {
            table.Set(code, month, value);
        }

        return table;
    }

    public static QuantityTable Decimals(this QuantityTable table, string code, string from, params string[] values)
    {
        var month = M(from);
        foreach (var value in values)
        {
            table.Set(code, month, Rational.Parse(value));
            month = month.AddMonths(1);
        }

        return table;
    }

    public static Rational R(string value) => Rational.Parse(value);

    public static Rational Fraction(long numerator, long denominator) => new(numerator, denominator);
}
