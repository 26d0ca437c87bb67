using System.Collections.Frozen;
using System.Globalization;
using Kpi.Computation;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Registry;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>
/// Checks the rows of one delivery, in order: each is readable, names a known code and a jobcenter the registry knows
/// in that month, is not in the future, not negative where it counts, consistent where it is a figure with its
/// numerator and denominator, and not a second value for a key the delivery already carried.
/// </summary>
internal sealed class RowValidator(CodeBook codes, JobcenterDirectory directory, YearMonth lastEnded)
{
    private static readonly YearMonth FirstMonth = new(2005, 1);   // SGB II began on 1 January 2005
    private readonly HashSet<long> _seen = [];
    private readonly Dictionary<int, FrozenDictionary<int, string>> _jobcenters = [];

    /// <summary>The jobcenters of the months seen so far (key → party id), for the delivery's event.</summary>
    public string JobcenterId(int month, int key) => _jobcenters[month][key];

    public async ValueTask<(ValidRow Row, RowProblem? Problem)> CheckAsync(DeliveryRow row, long rowNumber, CancellationToken cancellationToken)
    {
        RowProblem Problem(string reason, string field, string message) => new(rowNumber, reason, field, message);

        if (row.Malformed.Length > 0)
        {
            return (default, Problem(RowReason.Malformed, "", row.Malformed));
        }

        if (!JobcenterDirectory.TryKey(row.Jobcenter, out var jobcenter))
        {
            return (default, Problem(RowReason.Malformed, "jobcenter", $"jobcenter '{row.Jobcenter}' is not a 5-digit key (e.g. \"05554\")."));
        }

        if (!YearMonth.TryParse(row.Month, out var month) || month < FirstMonth)
        {
            return (default, Problem(RowReason.Malformed, "month", $"month '{row.Month}' is not a month yyyy-MM from 2005-01 on."));
        }

        if (!codes.TryGet(row.Code, out var code))
        {
            return (default, Problem(RowReason.UnknownCode, "code", $"code '{row.Code}' is neither a base quantity, a figure of the catalogue nor a declared local indicator (GetCatalogue lists them)."));
        }

        if (row.Sex is not (Sex.Unspecified or Sex.Total or Sex.Women or Sex.Men))
        {
            return (default, Problem(RowReason.Malformed, "sex", $"sex {(int)row.Sex} is not TOTAL, WOMEN or MEN."));
        }

        var sex = row.Sex == Sex.Unspecified ? Sex.Total : row.Sex;
        if (!code.BySex && sex != Sex.Total)
        {
            return (default, Problem(RowReason.Malformed, "sex", $"{code.Code} is delivered for the total only, not by sex."));
        }

        if (row.Basis is not (DataBasis.T0 or DataBasis.Final))
        {
            return (default, Problem(RowReason.Malformed, "basis", "basis is required: T0 (ohne Wartezeit) or FINAL (after the waiting time)."));
        }

        if (!TryDecimal(row.Value, out var value))
        {
            return (default, Problem(RowReason.Malformed, "value", $"value '{row.Value}' is not a decimal number with a point (e.g. \"27.3\")."));
        }

        decimal? numerator = null, denominator = null;
        if (row.Numerator.Length > 0 || row.Denominator.Length > 0)
        {
            if (code.Kind != CodeKind.Figure)
            {
                return (default, Problem(RowReason.Malformed, "numerator", $"only figures carry a numerator and denominator; {code.Code} is a count."));
            }

            if (!TryDecimal(row.Numerator, out var n) || !TryDecimal(row.Denominator, out var d))
            {
                return (default, Problem(RowReason.Malformed, row.Numerator.Length == 0 || !TryDecimal(row.Numerator, out _) ? "numerator" : "denominator",
                    $"numerator '{row.Numerator}' and denominator '{row.Denominator}' must both be decimal numbers."));
            }

            (numerator, denominator) = (n, d);
        }

        if (month > lastEnded)
        {
            return (default, Problem(RowReason.FutureMonth, "month", $"month {month} has not ended yet (the latest month with data is {lastEnded})."));
        }

        var monthIndex = Months.Index(month);
        if (!_jobcenters.TryGetValue(monthIndex, out var existing))
        {
            existing = await directory.InMonthAsync(month, lastEnded, cancellationToken);
            _jobcenters[monthIndex] = existing;
        }

        if (!existing.ContainsKey(jobcenter))
        {
            return (default, Problem(RowReason.UnknownJobcenter, "jobcenter", $"the party registry knows no jobcenter with key {row.Jobcenter} in {month}."));
        }

        if (code.Local is { } local && local.JobcenterId != existing[jobcenter])
        {
            return (default, Problem(RowReason.UnknownCode, "code", $"{code.Code} is declared for {local.JobcenterId}, not for {existing[jobcenter]}."));
        }

        if ((code.Kind != CodeKind.Figure && value < 0) || numerator < 0 || denominator < 0)
        {
            return (default, Problem(RowReason.NegativeValue, value < 0 ? "value" : numerator < 0 ? "numerator" : "denominator",
                $"{code.Code} {month} for {row.Jobcenter}: a count or sum cannot be negative ({row.Value})."));
        }

        if (code.Figure is { } figure && numerator is { } num && denominator is { } den && Inconsistency(figure, row, value, num, den) is { } inconsistency)
        {
            return (default, Problem(RowReason.InconsistentFigure, "value", inconsistency));
        }

        var valid = new ValidRow(jobcenter, code.Id, (short)sex, (short)row.Basis, monthIndex, value, numerator, denominator);
        if (!_seen.Add(valid.Key))
        {
            return (default, Problem(RowReason.DuplicateRow, "", $"{code.Code} {month} {SexWord(sex)} {(row.Basis == DataBasis.T0 ? "t-0" : "final")} for {row.Jobcenter} came earlier in this delivery."));
        }

        return (valid, null);
    }

    // The published value must be what its numerator and denominator give, within the rounding of all three as written:
    // a mean stock published as 2666.7 (or 2666.666666666667) may not be exact, and the value is rounded to its decimals.
    private static string? Inconsistency(Kpi.Computation.FigureDefinition figure, DeliveryRow row, decimal value, decimal numerator, decimal denominator)
    {
        if (denominator == 0)
        {
            return $"{figure.Id}: the denominator is 0.";
        }

        var change = figure.Form == FigureForm.ChangeVsPriorYear;
        if (ClearlyConsistent(change, numerator, denominator, value, Decimals(row.Value)))
        {
            return null;
        }

        Rational Percent(Rational ratio) => change ? (ratio - Rational.One) * Rational.Hundred : ratio * Rational.Hundred;
        var n = ExactDecimal.Of(numerator);
        var d = ExactDecimal.Of(denominator);
        var (nSlack, dSlack, valueSlack) = (HalfUnit(row.Numerator), HalfUnit(row.Denominator), HalfUnit(row.Value));
        var stated = Rational.Parse(row.Value);
        var lowest = Percent((n - nSlack < Rational.Zero ? Rational.Zero : n - nSlack) / (d + dSlack));
        var highestOk = d - dSlack <= Rational.Zero || Percent((n + nSlack) / (d - dSlack)) >= stated - valueSlack;
        if (lowest <= stated + valueSlack && highestOk)
        {
            return null;
        }

        return $"{figure.Id} {row.Month} for {row.Jobcenter}: {row.Numerator} / {row.Denominator} gives {Percent(n / d).ToDecimalString(Decimals(row.Value))}, not {row.Value}.";
    }

    // Nearly every published figure lies well inside the rounding of its value: decimal arithmetic (28 significant digits,
    // an error far below the margin) accepts those quickly; the exact interval test decides the rest, those at an edge.
    private static bool ClearlyConsistent(bool change, decimal numerator, decimal denominator, decimal value, int decimals)
    {
        const decimal Margin = 0.000000000000000001m;
        if (decimals > 26)
        {
            return false;
        }

        try
        {
            var ratio = numerator / denominator;
            var percent = change ? (ratio - 1m) * 100m : ratio * 100m;
            return Math.Abs(percent - value) <= new decimal(5, 0, 0, false, (byte)(decimals + 1)) - Margin;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // Half a unit of the last decimal a number is written with: "27.3" ± 0.05, "516" ± 0.5.
    private static Rational HalfUnit(string text)
    {
        var unit = Rational.One;
        for (var i = 0; i < Decimals(text); i++)
        {
            unit /= 10;
        }

        return unit / 2;
    }

    private static string SexWord(Sex sex) => sex switch { Sex.Women => "women", Sex.Men => "men", _ => "total" };

    private static int Decimals(string text)
    {
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text.Length - point - 1;
    }

    private static bool TryDecimal(string text, out decimal value)
    {
        value = 0;
        return text.Length is > 0 and <= 40 && char.IsAsciiDigit(text[^1])
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
