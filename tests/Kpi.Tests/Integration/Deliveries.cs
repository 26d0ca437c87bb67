using Zielsteuerung.Kpi.V1;
using Zielsteuerung.Testing;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Kpi.Tests.Integration;

/// <summary>Deliveries as the tests send them: a header, then the rows in chunks.</summary>
internal static class Deliveries
{
    public static DeliveryRow Row(string jobcenter, string month, string code, string value, Sex sex = Sex.Total, DataBasis basis = DataBasis.Final,
        string numerator = "", string denominator = "") => new()
    {
        Jobcenter = jobcenter, Month = month, Code = code, Value = value, Sex = sex, Basis = basis, Numerator = numerator, Denominator = denominator,
    };

    public static Task<DeliveryReport> SendAsync(KpiClient client, IEnumerable<DeliveryRow> rows, DeliveryMode mode = DeliveryMode.Partial,
        string idempotencyKey = "", string description = "test delivery", int chunk = 500) =>
        KpiDeliveries.SendAsync(client, new DeliveryHeader { Mode = mode, IdempotencyKey = idempotencyKey, Description = description, SourceName = "tests" },
            rows, chunk);

    /// <summary>The months from <paramref name="from"/> (yyyy-MM) on, <paramref name="count"/> of them.</summary>
    public static IEnumerable<string> Months(string from, int count)
    {
        var year = int.Parse(from[..4], System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(from[5..], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            yield return $"{year:D4}-{month:D2}";
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1);
        }
    }
}
