using Zielsteuerung.Kpi.V1;

namespace Kpi.Csv;

/// <summary>One value of a delivery, numbers in the contract's form (decimal point): what the writer takes besides
/// <see cref="DeliveryRow"/>.</summary>
public readonly record struct KpiCsvRecord(
    string Jobcenter,
    string Month,
    string Code,
    Sex Sex,
    DataBasis Basis,
    string Value,
    string? Numerator = null,
    string? Denominator = null)
{
    public DeliveryRow ToDeliveryRow(long rowNumber = 0) => new()
    {
        RowNumber = rowNumber,
        Jobcenter = Jobcenter,
        Month = Month,
        Code = Code,
        Sex = Sex,
        Basis = Basis,
        Value = Value,
        Numerator = Numerator ?? "",
        Denominator = Denominator ?? "",
    };
}
