namespace Kpi.Computation;

/// <summary>
/// The values a target is steered by within a year (DOMAIN.md § 4): the Jahresfortschrittswert (JFW) of the K2-form
/// figures, the Jahresdurchschnittswert (JDW) of a stock, the year-to-date sum of a flow and the value of the month
/// itself; each against the same measure at the same month of the prior year.
/// </summary>
public static class SteeringCalculator
{
    private static readonly string JfwFigures = string.Join(", ", KpiCatalogue.Figures.Where(f => f.Form == FigureForm.RateOfTwelveMonths).Select(f => f.Id));
    private static readonly string Stocks = CodesOf(QuantityKind.Stock);
    private static readonly string Flows = CodesOf(QuantityKind.Flow);

    /// <summary>
    /// Null when the measure applies to the code, else why not, for people ("JFW applies to K2, K2E1, K2E2, K2E4,
    /// K3E1; not to K3"). Codes outside the catalogue (local indicators) are refused only for JFW: whether such a code is
    /// a stock or a flow is the caller's to judge.
    /// </summary>
    public static string? Refusal(SteeringMeasure measure, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var quantity = KpiCatalogue.FindQuantity(code);
        var figure = KpiCatalogue.FindFigure(code);
        var inCatalogue = quantity is not null || figure is not null;
        return measure switch
        {
            SteeringMeasure.Jfw when figure?.Form != FigureForm.RateOfTwelveMonths => $"JFW applies to {JfwFigures}; not to {code}",
            SteeringMeasure.Jdw when inCatalogue && quantity?.Kind != QuantityKind.Stock => $"JDW applies to the stocks {Stocks}; not to {code}",
            SteeringMeasure.YearToDateSum when inCatalogue && quantity?.Kind != QuantityKind.Flow => $"the year-to-date sum applies to the flows {Flows}; not to {code}",
            SteeringMeasure.MonthValue when quantity?.Kind == QuantityKind.Flow => $"the month value applies to the stocks {Stocks} and to the figures; not to the flow {code} (its year-to-date sum does)",
            _ when !Enum.IsDefined(measure) => $"unknown steering measure {measure}",
            _ => null,
        };
    }

    /// <summary>
    /// January..<paramref name="throughMonth"/> of <paramref name="year"/>: value, numerator, denominator, the same
    /// measure at the same month of the prior year, and the change in %. Missing inputs give points without values
    /// (Missing says which), never an exception.
    /// </summary>
    /// <exception cref="ArgumentException">The measure does not apply to the code (see <see cref="Refusal"/>).</exception>
    public static IReadOnlyList<SteeringPoint> Compute(SteeringMeasure measure, string code, IQuantitySeries quantities, int year, int throughMonth = 12)
    {
        ArgumentNullException.ThrowIfNull(quantities);
        ThrowIfNotApplicable(measure, code, throughMonth);
        var points = new SteeringPoint[throughMonth];
        for (var m = 1; m <= throughMonth; m++)
        {
            var month = new YearMonth(year, m);
            var current = SteeringMeasures.Evaluate(measure, code, quantities, month);
            var prior = SteeringMeasures.Evaluate(measure, code, quantities, month.AddMonths(-12));
            var missing = Join(current.Missing, prior.Missing is null ? null : $"prior year: {prior.Missing}");
            points[m - 1] = new SteeringPoint(month, current.Value, current.Numerator, current.Denominator, prior.Value,
                SteeringMeasures.ChangePercent(current.Value, prior.Value), missing ?? ZeroPrior(current.Value, prior.Value));
        }

        return points;
    }

    /// <summary>
    /// For a group "im Durchschnitt": per month the mean of the members' values and the mean of their prior-year values,
    /// the change from those two means. A month where a member misses data has no value (Missing names the member:
    /// <paramref name="memberNames"/>[i], or "member i+1").
    /// </summary>
    public static IReadOnlyList<SteeringPoint> MeanOfMembers(SteeringMeasure measure, string code, IReadOnlyList<IQuantitySeries> members,
        int year, int throughMonth = 12, IReadOnlyList<string>? memberNames = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            throw new ArgumentException("A mean of members needs at least one member.", nameof(members));
        }

        ThrowIfNotApplicable(measure, code, throughMonth);
        string Name(int index) => memberNames is not null && index < memberNames.Count ? memberNames[index] : $"member {index + 1}";
        var points = new SteeringPoint[throughMonth];
        for (var m = 1; m <= throughMonth; m++)
        {
            var month = new YearMonth(year, m);
            var (value, missing) = MeanOverMembers(measure, code, members, month, Name);
            var (prior, priorMissing) = MeanOverMembers(measure, code, members, month.AddMonths(-12), Name);
            var why = Join(missing, priorMissing is null ? null : $"prior year: {priorMissing}");
            points[m - 1] = new SteeringPoint(month, value, null, null, prior, SteeringMeasures.ChangePercent(value, prior), why ?? ZeroPrior(value, prior));
        }

        return points;
    }

    private static (Rational? Mean, string? Missing) MeanOverMembers(SteeringMeasure measure, string code, IReadOnlyList<IQuantitySeries> members,
        YearMonth month, Func<int, string> name)
    {
        var values = new Rational[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            var value = SteeringMeasures.Evaluate(measure, code, members[i], month);
            if (value.Value is not { } known)
            {
                return (null, $"{name(i)}: {value.Missing}");
            }

            values[i] = known;
        }

        return (Rational.Mean(values), null);
    }

    private static void ThrowIfNotApplicable(SteeringMeasure measure, string code, int throughMonth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(throughMonth, 12);
        if (Refusal(measure, code) is { } refusal)
        {
            throw new ArgumentException(refusal, nameof(code));
        }
    }

    private static string? ZeroPrior(Rational? value, Rational? prior) =>
        value is not null && prior is { IsZero: true } ? "the prior-year value is 0: no change in %" : null;

    private static string? Join(string? first, string? second) => first is null ? second : second is null ? first : $"{first}; {second}";

    private static string CodesOf(QuantityKind kind) => string.Join(", ", KpiCatalogue.Quantities.Where(q => q.Kind == kind).Select(q => q.Code));
}
