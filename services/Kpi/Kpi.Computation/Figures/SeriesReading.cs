using System.Diagnostics.CodeAnalysis;

namespace Kpi.Computation;

// Reads single months and sums of months, naming the first missing input for people ("elb_stock 2017-12 missing").
internal static class SeriesReading
{
    public static string MissingText(string code, YearMonth month) => $"{code} {month} missing";

    public static bool TryGet(IQuantitySeries quantities, string code, YearMonth month, out Rational value, [NotNullWhen(false)] out string? missing)
    {
        if (quantities.TryGet(code, month, out value))
        {
            missing = null;
            return true;
        }

        missing = MissingText(code, month);
        return false;
    }

    public static bool TrySum(IQuantitySeries quantities, string code, YearMonth first, YearMonth last, out Rational sum, [NotNullWhen(false)] out string? missing)
    {
        if (quantities is QuantityTable table)
        {
            var column = table.Column(code);
            if (column is null)
            {
                sum = Rational.Zero;
                missing = MissingText(code, first);
                return false;
            }

            var complete = column.TrySum(first.Ordinal, last.Ordinal, out sum, out var missingOrdinal);
            missing = complete ? null : MissingText(code, YearMonth.FromOrdinal(missingOrdinal));
            return complete;
        }

        sum = Rational.Zero;
        for (var month = first; month <= last; month = month.AddMonths(1))
        {
            if (!TryGet(quantities, code, month, out var value, out missing))
            {
                return false;
            }

            sum += value;
        }

        missing = null;
        return true;
    }
}
