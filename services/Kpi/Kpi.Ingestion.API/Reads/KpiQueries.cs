using System.Globalization;
using Kpi.Computation;
using Kpi.Ingestion.API.Deliveries;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Registry;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Reads;

/// <summary>
/// The reads: series and values of delivered quantities, published figures and computed figures, steering values, and
/// the comparison of published with computed figures — for a jobcenter or a group, as delivered by a moment.
/// </summary>
internal sealed class KpiQueries(ValueReader reader, CodeBook codes, JobcenterDirectory directory)
{
    // The deepest look back of any figure or steering value: a prior-year change of a 12-month mean (24 months) and its December start.
    private const int LookBackMonths = 26;

    public async Task<Series> SeriesAsync(GetSeriesRequest request, CancellationToken cancellationToken)
    {
        var from = ReadScope.Month(request.FromMonth, "from_month");
        var to = ReadScope.Month(request.ToMonth, "to_month");
        if (to < from || to.MonthsSince(from) >= 12 * 30)
        {
            throw new InvalidRequestException("to_month", $"the period {from}–{to} must run forwards and span at most 30 years.");
        }

        var code = Code(request.Code);
        var sex = ReadScope.SexOf(request.Sex);
        var basis = ReadScope.BasisOf(request.Basis);
        var asOf = ReadScope.AsOf(request.AsOf);
        var subject = await SubjectAsync(request.Subject, to, cancellationToken);
        var source = Source(code, request.Source, subject);

        var series = new Series
        {
            Subject = request.Subject, Code = code.Code, Sex = sex, Basis = basis, Source = source,
            AsOf = request.AsOf, Unit = Unit(code),
        };
        series.Members.AddRange(subject.IsGroup ? subject.Members.Select(m => m.Id) : []);
        var deliveries = new SortedSet<long>();
        if (code.Kind == CodeKind.Figure && source == Zielsteuerung.Kpi.V1.Source.Computed)
        {
            var tables = await QuantitiesAsync(subject, code.Figure!.Quantities, sex, basis, from.AddMonths(-LookBackMonths), to, asOf, deliveries, cancellationToken);
            // A pooled group's quantities are summed once for the whole period, not once per point.
            var pooled = subject.IsGroup && !subject.MeanOfMembers
                ? QuantityTable.Pool(Members(subject, tables), code.Figure.Quantities, from.AddMonths(-LookBackMonths), to)
                : null;
            for (var month = from; month <= to; month = month.AddMonths(1))
            {
                series.Points.Add(FigurePoint(code.Figure, subject, tables, pooled, month));
            }
        }
        else
        {
            var values = await reader.ReadAsync(subject.Members.Select(m => m.Key).ToList(), [code.Id], [(short)sex], (short)basis,
                Months.Index(from), Months.Index(to), asOf, cancellationToken);
            deliveries.UnionWith(values.Select(v => v.Delivery));
            var byMember = values.ToLookup(v => v.Month);
            for (var month = from; month <= to; month = month.AddMonths(1))
            {
                series.Points.Add(StoredPoint(code, subject, byMember[Months.Index(month)].ToList(), month));
            }
        }

        series.Deliveries.AddRange(DeliveryReports.Ids(deliveries));
        return series;
    }

    public async Task<Point> ValueAsync(GetValueRequest request, CancellationToken cancellationToken)
    {
        var series = await SeriesAsync(new GetSeriesRequest
        {
            Subject = request.Subject, Code = request.Code, FromMonth = request.Month, ToMonth = request.Month, Sex = request.Sex,
            Basis = request.Basis, AsOf = request.AsOf, Source = request.Source,
        }, cancellationToken);
        return series.Points[0];
    }

    public async Task<SteeringValues> SteeringAsync(GetSteeringValuesRequest request, CancellationToken cancellationToken)
    {
        var code = Code(request.Code);
        if (request.Year is < 2006 or > 2100)
        {
            throw new InvalidRequestException("year", $"{request.Year} is not a year with a prior year of SGB II data (2006…).");
        }

        var measure = request.Measure switch
        {
            Zielsteuerung.Kpi.V1.SteeringMeasure.Jfw => Kpi.Computation.SteeringMeasure.Jfw,
            Zielsteuerung.Kpi.V1.SteeringMeasure.Jdw => Kpi.Computation.SteeringMeasure.Jdw,
            Zielsteuerung.Kpi.V1.SteeringMeasure.YearToDateSum => Kpi.Computation.SteeringMeasure.YearToDateSum,
            Zielsteuerung.Kpi.V1.SteeringMeasure.MonthValue => Kpi.Computation.SteeringMeasure.MonthValue,
            _ => throw new InvalidRequestException("measure", "JFW, JDW, YEAR_TO_DATE_SUM or MONTH_VALUE."),
        };
        if (code.Kind == CodeKind.Local && measure is not (Kpi.Computation.SteeringMeasure.YearToDateSum or Kpi.Computation.SteeringMeasure.MonthValue or Kpi.Computation.SteeringMeasure.Jdw))
        {
            throw new InvalidRequestException("measure", $"{code.Code} is a local indicator: YEAR_TO_DATE_SUM, JDW or MONTH_VALUE.");
        }

        if (code.Kind != CodeKind.Local && SteeringCalculator.Refusal(measure, code.Code) is { } refusal)
        {
            throw new InvalidRequestException("measure", refusal);
        }

        var sex = ReadScope.SexOf(request.Sex);
        var basis = ReadScope.BasisOf(request.Basis);
        var asOf = ReadScope.AsOf(request.AsOf);
        var december = new YearMonth(request.Year, 12);
        var subject = await SubjectAsync(request.Subject, december, cancellationToken);
        var deliveries = new SortedSet<long>();
        var needed = code.Figure?.Quantities ?? [code.Code];
        // The prior year's January is the earliest point; its inputs reach LookBackMonths further back.
        var earliest = new YearMonth(request.Year - 1, 1).AddMonths(-LookBackMonths);
        var tables = await QuantitiesAsync(subject, needed, sex, basis, earliest, december, asOf, deliveries, cancellationToken);
        var members = Members(subject, tables);
        var points = subject.MeanOfMembers
            ? SteeringCalculator.MeanOfMembers(measure, code.Code, members, request.Year)
            : SteeringCalculator.Compute(measure, code.Code, subject.IsGroup ? QuantityTable.Pool(members, needed, earliest, december) : members[0], request.Year);

        var result = new SteeringValues
        {
            Subject = request.Subject, Code = code.Code, Measure = request.Measure, Year = request.Year, Sex = sex, Basis = basis, AsOf = request.AsOf,
        };
        var lastWithData = points.Select((p, i) => (p, i)).LastOrDefault(x => x.p.Value is not null).i;
        foreach (var point in points.Take(points.Any(p => p.Value is not null) ? lastWithData + 1 : 1))
        {
            result.Months.Add(new SteeringValue
            {
                Month = point.Month.ToString(), Value = ReadScope.Text(point.Value), Numerator = ReadScope.Text(point.Numerator),
                Denominator = ReadScope.Text(point.Denominator), PriorYearValue = ReadScope.Text(point.PriorYearValue),
                ChangePercent = ReadScope.Text(point.ChangePercent), Missing = point.Missing ?? "",
            });
        }

        result.Members.AddRange(subject.IsGroup ? subject.Members.Select(m => m.Id) : []);
        result.Deliveries.AddRange(DeliveryReports.Ids(deliveries));
        return result;
    }

    public async Task<ComparePublishedResponse> CompareAsync(ComparePublishedRequest request, int pageSize, int offset, CancellationToken cancellationToken)
    {
        var from = ReadScope.Month(request.FromMonth, "from_month");
        var to = ReadScope.Month(request.ToMonth, "to_month");
        var basis = ReadScope.BasisOf(request.Basis);
        var asOf = ReadScope.AsOf(request.AsOf);
        var figures = request.Figure.Length == 0
            ? KpiCatalogue.Figures.ToList()
            : [Code(request.Figure).Figure ?? throw new InvalidRequestException("figure", $"{request.Figure} is not a figure of the catalogue (K1 … K3E4).")];
        IReadOnlyList<Jobcenter> jobcenters = request.JobcenterId.Length > 0
            ? [await directory.JobcenterAsync(request.JobcenterId, Months.LastDay(to), cancellationToken)]
            : (await directory.InMonthAsync(to, to, cancellationToken)).Select(j => new Jobcenter(j.Value, j.Key)).OrderBy(j => j.Key).ToList();
        short[] allSexes = [(short)Sex.Total, (short)Sex.Women, (short)Sex.Men];

        var published = (await reader.ReadAsync(jobcenters.Select(j => j.Key).ToList(), figures.Select(f => CodeBook.IdOf(f.Id)).ToList(), allSexes, (short)basis,
                Months.Index(from), Months.Index(to), asOf, cancellationToken))
            .OrderBy(v => v.Jobcenter).ThenBy(v => v.Month).ThenBy(v => v.Code).ThenBy(v => v.Sex)
            .Skip(offset).Take(pageSize + 1).ToList();
        var response = new ComparePublishedResponse();
        if (published.Count > pageSize)
        {
            published.RemoveAt(pageSize);
            response.NextPageToken = (offset + pageSize).ToString(CultureInfo.InvariantCulture);
        }

        var pageJobcenters = published.Select(p => p.Jobcenter).Distinct().ToList();
        var quantities = ValueReader.Tables(await reader.ReadAsync(pageJobcenters, KpiCatalogue.Quantities.Select(q => CodeBook.IdOf(q.Code)).ToList(), allSexes,
            (short)basis, Months.Index(from.AddMonths(-LookBackMonths)), Months.Index(to), asOf, cancellationToken), codes);
        foreach (var value in published)
        {
            var figure = codes.ById(value.Code)!.Figure!;
            var table = quantities.GetValueOrDefault((value.Jobcenter, value.Sex)) ?? new QuantityTable();
            var month = Months.FromIndex(value.Month);
            var publishedText = value.Value.ToString(CultureInfo.InvariantCulture);
            var check = PublishedComparison.Check(figure, table, month, publishedText);
            response.Compared++;
            if (!check.Agrees)
            {
                response.Differences.Add(new FigureDifference
                {
                    Jobcenter = Jobcenter.FormatKey(value.Jobcenter), Month = month.ToString(), Figure = figure.Id, Sex = (Sex)value.Sex, Basis = basis,
                    Published = publishedText, Computed = check.Computed, ComputedExact = ReadScope.Text(check.ComputedExact),
                    ComputedOtherRule = check.ComputedOtherRule ?? "", AgreesWith = check.AgreesWith ?? "", PublishedDelivery = Infrastructure.DeliveryIds.Format(value.Delivery),
                });
            }
        }

        return response;
    }

    public Catalogue Catalogue()
    {
        var catalogue = new Catalogue();
        catalogue.Figures.AddRange(KpiCatalogue.Figures.Select(f => new Zielsteuerung.Kpi.V1.FigureDefinition
        {
            Id = f.Id, NameDe = f.NameDe, NameEn = f.NameEn, Numerator = f.Numerator, Denominator = f.Denominator, Window = f.Window,
            AveragingRule = f.AveragingRule switch
            {
                AveragingRule.StockWeightedMean => "stock_weighted_mean: Σ flows / Σ stocks of the 12 months (the BA's general rule for average rates)",
                AveragingRule.SimpleMean => "simple_mean: the mean of the 12 monthly rates",
                _ => "",
            },
            Polarity = f.Polarity switch
            {
                Kpi.Computation.Polarity.HigherIsBetter => Zielsteuerung.Kpi.V1.Polarity.HigherIsBetter,
                Kpi.Computation.Polarity.LowerIsBetter => Zielsteuerung.Kpi.V1.Polarity.LowerIsBetter,
                _ => Zielsteuerung.Kpi.V1.Polarity.Context,
            },
            Unit = f.Unit, Verified = f.Verified, Quantities = { f.Quantities },
        }));
        catalogue.Quantities.AddRange(KpiCatalogue.Quantities.Select(q => new Zielsteuerung.Kpi.V1.QuantityDefinition
        {
            Code = q.Code, NameDe = q.NameDe, NameEn = q.NameEn, Unit = q.Unit, Kind = q.Kind == QuantityKind.Stock ? "stock" : "flow",
        }));
        catalogue.LocalIndicators.AddRange(codes.Locals.Select(l => LocalIndicators.View(l.Local!)).OrderBy(l => l.Code, StringComparer.Ordinal));
        return catalogue;
    }

    private static Point FigurePoint(Kpi.Computation.FigureDefinition figure, ReadSubject subject, Dictionary<int, QuantityTable> tables, QuantityTable? pooled, YearMonth month)
    {
        if (subject.MeanOfMembers)
        {
            var values = new List<Rational>();
            foreach (var member in subject.Members)
            {
                var value = FigureCalculator.Compute(figure, tables[member.Key], month);
                if (value.Value is not { } v)
                {
                    return new Point { Month = month.ToString(), Missing = $"{member.KeyText}: {value.Missing}" };
                }

                values.Add(v);
            }

            return new Point { Month = month.ToString(), Value = ReadScope.Text(Rational.Mean(values)), Members = values.Count };
        }

        var computed = FigureCalculator.Compute(figure, pooled ?? tables[subject.Members[0].Key], month);
        return new Point
        {
            Month = month.ToString(), Value = ReadScope.Text(computed.Value), Numerator = ReadScope.Text(computed.Numerator),
            Denominator = ReadScope.Text(computed.Denominator), Members = subject.Members.Count,
            Missing = computed.Value is null ? (subject.IsGroup ? $"{computed.Missing} (for at least one member)" : computed.Missing ?? "") : "",
        };
    }

    private static Point StoredPoint(CodeInfo code, ReadSubject subject, List<StoredValue> values, YearMonth month)
    {
        if (!subject.IsGroup)
        {
            return values.Count == 0
                ? new Point { Month = month.ToString(), Missing = $"{code.Code} {month} missing for {subject.Members[0].KeyText}", Members = 0 }
                : new Point
                {
                    Month = month.ToString(), Value = ReadScope.Text(values[0].Exact), Members = 1,
                    Numerator = values[0].Numerator is { } n ? ReadScope.Text(ExactDecimal.Of(n)) : "",
                    Denominator = values[0].Denominator is { } d ? ReadScope.Text(ExactDecimal.Of(d)) : "",
                };
        }

        var present = values.Select(v => v.Jobcenter).ToHashSet();
        if (subject.Members.FirstOrDefault(m => !present.Contains(m.Key)) is { Id: not null } absent)
        {
            return new Point { Month = month.ToString(), Missing = $"{code.Code} {month} missing for {absent.KeyText}", Members = present.Count };
        }

        var exact = values.Select(v => v.Exact).ToList();
        var total = exact.Aggregate(Rational.Zero, (sum, v) => sum + v);
        return new Point { Month = month.ToString(), Value = ReadScope.Text(subject.MeanOfMembers ? Rational.Mean(exact) : total), Members = values.Count };
    }

    private async Task<Dictionary<int, QuantityTable>> QuantitiesAsync(ReadSubject subject, IReadOnlyList<string> quantityCodes, Sex sex, DataBasis basis,
        YearMonth from, YearMonth to, DateTimeOffset? asOf, SortedSet<long> deliveries, CancellationToken cancellationToken)
    {
        var ids = quantityCodes.Select(c => codes.TryGet(c, out var info) ? info.Id : throw new InvalidOperationException($"unknown quantity {c}")).ToList();
        // Quantities delivered for the total only (benefit sums) are read at TOTAL whatever the sex asked.
        short[] sexes = sex == Sex.Total ? [(short)Sex.Total] : [(short)sex, (short)Sex.Total];
        var values = await reader.ReadAsync(subject.Members.Select(m => m.Key).ToList(), ids, sexes, (short)basis, Months.Index(from), Months.Index(to), asOf, cancellationToken);
        var relevant = values.Where(v => v.Sex == (short)sex || !codes.ById(v.Code)!.BySex).ToList();
        deliveries.UnionWith(relevant.Select(v => v.Delivery));
        var tables = ValueReader.Tables(relevant.Select(v => v with { Sex = (short)sex }), codes);
        return subject.Members.ToDictionary(m => m.Key, m => tables.GetValueOrDefault((m.Key, (short)sex)) ?? new QuantityTable());
    }

    private static List<IQuantitySeries> Members(ReadSubject subject, Dictionary<int, QuantityTable> tables) =>
        subject.Members.Select(m => (IQuantitySeries)tables[m.Key]).ToList();

    private async Task<ReadSubject> SubjectAsync(Subject? subject, YearMonth periodEnd, CancellationToken cancellationToken)
    {
        switch (subject?.KindCase)
        {
            case Subject.KindOneofCase.JobcenterId:
                return new ReadSubject([await directory.JobcenterAsync(subject.JobcenterId, Months.LastDay(periodEnd), cancellationToken)], false, Aggregation.Pooled);
            case Subject.KindOneofCase.Group:
                var group = subject.Group;
                var asOf = group.MembersAsOf.Length == 0
                    ? Months.LastDay(periodEnd)
                    : DateOnly.TryParseExact(group.MembersAsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        ? date
                        : throw new InvalidRequestException("subject.group.members_as_of", $"'{group.MembersAsOf}' is not a date yyyy-MM-dd.");
                var aggregation = group.Aggregation == Aggregation.Unspecified ? Aggregation.Pooled : group.Aggregation;
                return new ReadSubject(await directory.MembersAsync(group, asOf, cancellationToken), true, aggregation);
            default:
                throw new InvalidRequestException("subject", "required: a jobcenter_id (\"jc-05554\") or a group.");
        }
    }

    private CodeInfo Code(string code) => codes.TryGet(code, out var info)
        ? info
        : throw new InvalidRequestException("code", $"'{code}' is neither a base quantity, a figure of the catalogue nor a declared local indicator (GetCatalogue lists them).");

    private static Zielsteuerung.Kpi.V1.Source Source(CodeInfo code, Zielsteuerung.Kpi.V1.Source requested, ReadSubject subject)
    {
        if (code.Kind != CodeKind.Figure)
        {
            return requested == Zielsteuerung.Kpi.V1.Source.Unspecified
                ? Zielsteuerung.Kpi.V1.Source.Unspecified
                : throw new InvalidRequestException("source", $"{code.Code} is delivered, not computed or published: leave source empty.");
        }

        var source = requested == Zielsteuerung.Kpi.V1.Source.Unspecified ? Zielsteuerung.Kpi.V1.Source.Computed : requested;
        return source == Zielsteuerung.Kpi.V1.Source.Published && subject.IsGroup
            ? throw new InvalidRequestException("source", "the BA's published figures are per jobcenter; for a group ask for COMPUTED (pooled or mean of members).")
            : source;
    }

    private static string Unit(CodeInfo code) => code.Quantity?.Unit ?? code.Figure?.Unit ?? code.Local?.Unit ?? "";
}
