using System.Globalization;
using Kpi.Computation;

namespace Kpi.Ingestion.API.Model;

/// <summary>A decimal (as Npgsql reads numeric, as a delivery's text parses) as the exact rational it is.</summary>
internal static class ExactDecimal
{
    public static Rational Of(decimal value) => Rational.Parse(value.ToString(CultureInfo.InvariantCulture));
}
