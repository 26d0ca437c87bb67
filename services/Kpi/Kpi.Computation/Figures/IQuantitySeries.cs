namespace Kpi.Computation;

/// <summary>The monthly values of the base quantities of ONE subject (a jobcenter or a pooled group), one sex, one data basis.</summary>
public interface IQuantitySeries
{
    bool TryGet(string code, YearMonth month, out Rational value);
}
