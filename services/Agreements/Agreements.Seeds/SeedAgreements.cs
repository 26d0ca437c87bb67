using Zielsteuerung.Agreements.V1;

namespace Agreements.Seeds;

/// <summary>
/// The four seed situations (shared/seeds/001–004) as data in the contract's types. German wording is kept verbatim
/// wherever the contract has a text field (line breaks of the PDF extraction joined, words split at page ends
/// rejoined, obvious extraction artefacts such as "Lebensunterhalts nach dem SGB II" after the last signature of
/// seed 001 dropped). What the seeds do not say is invented plausibly and marked "illustrative" where it is set.
/// </summary>
public static class SeedAgreements
{
    public const string NrwState = "DE-NW";

    public static SeedAgreement Borken2018 { get; } = new(
        "Borken2018", "Borken 2018", "mags-nrw", Borken2018Draft,
        [
            new OpenNegotiationStep("mags-nrw"),
            new AttachDocumentStep("kt-05554", "Lokales Planungsdokument 2018 des Jobcenters des Kreises Borken", "text/plain", PartOfAgreement: true,
                "Lokales Planungsdokument 2018 des Jobcenters des Kreises Borken (illustrative placeholder: the original is not among the seeds)."),
            new SignStep("kt-05554", "Dr. Kai Zwicker", "Landrat", "Borken", "2018-01-29"),
            new SignStep("mags-nrw", "Dr. Edmund Heller", "Staatssekretär", "Düsseldorf", "2018-02-22"),
        ],
        AgreementStatus.InForce, "2018-02-22");

    public static SeedAgreement BmasNrw2016 { get; } = new(
        "BmasNrw2016", "BMAS–NRW 2016", "bmas", () => BmasNrw2016Draft([]),
        [
            new OpenNegotiationStep("bmas"),
            new SignStep("mags-nrw", "Dr. Wilhelm Schäffer", "Staatssekretär", "Düsseldorf", "2016-10-14"),
            new SignStep("bmas", "Thorben Albrecht", "Staatssekretär", "Berlin", "2016-10-24"),
        ],
        AgreementStatus.InForce, "2016-10-24");

    public static SeedAgreement Unna2012 { get; } = new(
        "Unna2012", "Unna 2012", "mags-nrw", Unna2012Draft,
        [
            // Seed 002: the draft was the basis of the workshop (21./22.11.2011) and of the bilateral talk on 19.12.2011;
            // the request to the Kreis Unna to add local goals by 31.01.2012 is dated to that talk (the seed gives no date
            // of its own for the request).
            new RequestLocalGoalsStep("mags-nrw", "kt-05978", "2011-12-19", "2012-01-31"),
            new AddLocalGoalsStep("kt-05978", UnnaLocalGoals(), "2012-01-27"),
            // Illustrative: seed 002 is the committee paper asking for Kenntnisnahme; its committee and date are not in it.
            new CommitteeNoticeStep("kt-05978", new CommitteeNotice
            {
                PartyId = "kt-05978",
                Committee = "Ausschuss für Arbeit und Soziales des Kreises Unna",
                NoticedOn = "2012-02-28",
                Reference = "Drucksache 021/12",
                Note = "Der Entwurf der „Zielvereinbarung zwischen dem Ministerium für Arbeit, Integration und Soziales NW und dem Kreis Unna zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2012“ wird zur Kenntnis genommen. Die endgültige Zielvereinbarung ist dem Ausschuss zur Kenntnis zu geben.",
            }),
        ],
        AgreementStatus.Negotiation);

    /// <summary>Seed 003 in the words of the committee paper (indirect speech, as the Kreis reported the MAIS letter).</summary>
    public const string NeussReturnReason =
        "Das Ministerium teilte mit, dass inzwischen leider feststehen würde, dass diese Vereinbarungen von der Regionaldirektion Nordrhein- Westfalen und dem MAIS derzeit nicht unterschrieben werden können. Grund dafür sei eine juristische Kontroverse mit dem Bundesministerium für Arbeit und Soziales, die bislang nicht hätte gelöst werden können.";

    public static SeedAgreement Neuss2013 { get; } = new(
        "Neuss2013", "Neuss 2013", "mags-nrw", Neuss2013Draft,
        [
            new OpenNegotiationStep("mags-nrw"),
            // Illustrative dates, places and roles: seed 003 says only that both signed before the MAIS returned it on
            // 05.07.2013. The signatories' names are not in it: "N. N.".
            new SignStep("jc-05162", "N. N.", "Geschäftsführer", "Neuss", "2013-05-27"),
            new SignStep("kt-05162", "N. N.", "Landrat", "Neuss", "2013-06-03"),
            new ReturnUnsignedStep("mags-nrw", "2013-07-05", NeussReturnReason),
            // Illustrative committee and date; the reference is the seed's Sitzungsvorlage.
            new CommitteeNoticeStep("kt-05162", new CommitteeNotice
            {
                PartyId = "kt-05162",
                Committee = "Sozial- und Gesundheitsausschuss des Rhein-Kreises Neuss",
                NoticedOn = "2013-09-11",
                Reference = "Sitzungsvorlage-Nr. 50/2669/XV/2013",
                Note = "Die Entwicklung des multilateralen Zielvereinbarungsdialoges bleibt allerdings abzuwarten.",
            }),
        ],
        AgreementStatus.Returned);

    public static IReadOnlyList<SeedAgreement> All { get; } = [Borken2018, BmasNrw2016, Unna2012, Neuss2013];

    // -----------------------------------------------------------------------------------------------------------
    // Seed 001: MAGS NRW – Kreis Borken 2018 (§ 48b Abs. 1 S. 1 Nr. 4)

    public const string BorkenJobcenter = "jc-05554";

    /// <summary>
    /// dated_on 2018-01-15 is chosen (the seed has no date of its own before the signatures): after the federal budget
    /// situation of early 2018 was known, before the Kreis signed on 29.01.2018.
    /// </summary>
    public static CreateDraftRequest Borken2018Draft()
    {
        var request = new CreateDraftRequest
        {
            Year = 2018,
            LegalBasis = LegalBasis.Sgb248BNr4,
            DatedOn = "2018-01-15",
            Parties =
            {
                Party("mags-nrw", PartyRole.Signatory, "Herrn", "Staatssekretär", "Dr. Edmund Heller"),
                Party("kt-05554", PartyRole.Signatory, "Herrn", "Landrat", "Dr. Kai Zwicker", "als zugelassenem kommunalen Träger"),
                new AgreementParty { PartyId = BorkenJobcenter, Role = PartyRole.Concerned },
            },
            Content = new AgreementContent
            {
                Title = "Vereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018",
                LegalBasisText = "Gemäß § 48b Abs. 1 S. 1 Nr. 4 des Zweiten Buches Sozialgesetzbuch (SGB II) schließen das Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen (MAGS NRW) und der Kreis Borken als zugelassener kommunaler Träger zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende für das Jahr 2018 folgende",
                Preamble = """
                    Die Grundsicherung für Arbeitsuchende soll es Leistungsberechtigten ermöglichen, ein Leben zu führen, das der Würde des Menschen entspricht. Zu den zentralen Anliegen des SGB II zählt die Sicherung des sozio-kulturellen Existenzminimums, die Herstellung bzw. Verbesserung der Beschäftigungsfähigkeit sowie die Aufnahme und Beibehaltung einer Erwerbstätigkeit, um eine Unabhängigkeit von Transferleistungen zu erreichen und soziale Teilhabe zu ermöglichen.

                    Die Zielvereinbarung ist daher darauf ausgerichtet

                    - möglichst viele Arbeitsuchende in dauerhafte und existenzsichernde Erwerbstätigkeit einzugliedern,
                    - Langzeitleistungsbezug und Langzeitarbeitslosigkeit zu vermeiden und zu verringern,
                    - insgesamt die Hilfebedürftigkeit zu reduzieren,
                    - gesellschaftliche Teilhabe zu ermöglichen, wenn die unmittelbare Aufnahme einer Erwerbsarbeit nicht realistisch ist sowie
                    - die Handlungsmöglichkeiten der Leistungsberechtigten zur Überwindung der Hilfebedürftigkeit zu erweitern.

                    Darüber hinaus tragen die zugelassenen kommunalen Träger bei der Umsetzung des SGB II den „Gemeinsamen Schwerpunkten von MAGS NRW und Regionaldirektion NRW der BA für das Jahr 2018“ sowie den ergänzenden Querschnittszielen (Erbringung kommunaler Eingliederungsleistungen nach § 16a SGB II, Ausschöpfung interner Potentiale zur Verbesserung der Leistungen und Ergebnisse, Ausschöpfung EGT/VWT) Rechnung.
                    """,
                DialoguePlan = new DialoguePlan
                {
                    PerYear = 2,
                    Text = """
                        Das Ministerium für Arbeit, Gesundheit und Soziales des Landes NRW und der Kreis Borken setzen sich gemeinsam für die Erreichung der vereinbarten Ziele und die erfolgreiche Umsetzung des SGB II in Nordrhein-Westfalen ein.

                        Die Vereinbarungspartner führen in vertrauensvoller Zusammenarbeit in der Regel zwei Steuerungsdialoge pro Jahr. Die Dialoge erfolgen auf der Grundlage der Jahresfortschrittswerte, den Inhalten der Zielvereinbarung sowie dem lokalen Planungsdokument.

                        Die bundesseitig zu erwartende Phase der vorläufigen Haushaltsführung zu Beginn des Jahres 2018 werden bei der Zielnachhaltung ebenso berücksichtigt wie die besonderen Herausforderungen der Jobcenter durch Zuwanderung, Flucht und Asyl.

                        Auch in 2018 wird das MAGS NRW zu themenspezifischen Gesprächsrunden und Veranstaltungen einladen, die dem Erfahrungsaustausch dienen, Handlungsansätze, Leistungsprozesse und Dienstleistungen in den Jobcentern weiterentwickeln und neue Impulse für die Umsetzung der Grundsicherung für Arbeitsuchende setzen sollen.
                        """,
                },
            },
        };

        var scope = Jobcenter(BorkenJobcenter);
        request.Content.Goals.Add(new Goal
        {
            Id = "I",
            Kind = GoalKind.ReduceNeed,
            Heading = "I. Verringerung der Hilfebedürftigkeit",
            Text = """
                Ziel ist es, dass erwerbsfähige Leistungsberechtigte den Lebensunterhalt der Bedarfsgemeinschaft unabhängig von der Grundsicherung für Arbeitsuchende nach dem SGB II aus eigenen Mitteln und Kräften bestreiten und damit die Hilfebedürftigkeit insgesamt verringert wird.

                Für die Nachhaltigkeit der Erreichung des Ziels wird die Entwicklung der Summe der Leistungen zum Lebensunterhalt, der Leistungen für Unterkunft und Heizung sowie die Entwicklung der Fallzahlen im Vergleich zum Vorjahr auf der Grundlage eines Monitorings beobachtet.

                Die Entwicklung der Zahl der Leistungsbezieher und der Ausgaben für passive Leistungen werden insbesondere beeinflusst durch

                - die Nachhaltigkeit der Integrationen,
                - den Anteil bedarfsdeckender Integrationen,
                - die Entwicklung der Integrationsquote von Langzeitleistungsbeziehern und
                - die Entwicklung der Zahl der Langzeitleistungsbezieher, die bereits vier Jahre und länger SGB II-Leistungen beziehen.

                Daher erfolgt ein um diese vier Analysefelder erweitertes Monitoring.
                """,
            Observations =
            {
                // The K1 context: sums of benefits and case numbers compared with the prior year.
                Watch("I.K1", KeyFigure("K1", KeyFigurePart.Numerator), Measure.AnnualSum, scope, "Entwicklung der Summe der Leistungen zum Lebensunterhalt im Vergleich zum Vorjahr"),
                Watch("I.K1E1", KeyFigure("K1E1", KeyFigurePart.Numerator), Measure.AnnualSum, scope, "Entwicklung der Leistungen für Unterkunft und Heizung im Vergleich zum Vorjahr"),
                Watch("I.K1E2", KeyFigure("K1E2", KeyFigurePart.Numerator), Measure.AnnualAverage, scope, "Entwicklung der Fallzahlen im Vergleich zum Vorjahr"),
                // The four analysis fields.
                Watch("I.A1", KeyFigure("K2E3", KeyFigurePart.Value), Measure.CalendarYearValue, scope, "die Nachhaltigkeit der Integrationen"),
                Watch("I.A2", Custom("bedarfsdeckende-integrationen", "Anteil bedarfsdeckender Integrationen", "%"), Measure.CalendarYearValue, scope, "den Anteil bedarfsdeckender Integrationen"),
                Watch("I.A3", KeyFigure("K3E1", KeyFigurePart.Value), Measure.CalendarYearValue, scope, "die Entwicklung der Integrationsquote von Langzeitleistungsbeziehern"),
                Watch("I.A4", Custom("lzb-vier-jahre", "Langzeitleistungsbezieher, die bereits vier Jahre und länger SGB II-Leistungen beziehen", "Personen"), Measure.AnnualAverage, scope,
                    "die Entwicklung der Zahl der Langzeitleistungsbezieher, die bereits vier Jahre und länger SGB II-Leistungen beziehen"),
            },
        });

        // Seed 001 names the data basis only for the year-end stock ("Dezember t-0"); the other targets are taken on the
        // final data (after the waiting time), which is what naming t-0 for one of them sets it apart from.
        var refugees = new TargetGroup { Kind = TargetGroupKind.MigrationRefugees, Label = "ELB aus den 8 wichtigsten Asylherkunftsländern" };
        request.Content.Goals.Add(new Goal
        {
            Id = "II",
            Kind = GoalKind.Integration,
            Heading = "II. Verbesserung der Integration in Erwerbstätigkeit",
            Text = "Ziel ist es, Hilfebedürftigkeit durch Erwerbstätigkeit zu vermeiden oder zu überwinden. Zielindikator ist die absolute Zahl der Integrationen sowie die Integrationsquote.",
            Targets =
            {
                Aim("II.1", KeyFigure("K2", KeyFigurePart.Numerator), Measure.AnnualSum, Direction.AtLeast, "2.1", DataBasis.Final, scope,
                    "Das Ziel ist im Jahr 2018 erreicht, wenn sich die absolute Zahl der Integrationen um 2,1 % gegenüber dem Vorjahr erhöht."),
                Aim("II.2", KeyFigure("K2", KeyFigurePart.Value), Measure.CalendarYearValue, Direction.AtLeast, "0.0", DataBasis.Final, scope,
                    "Das Ziel zur Integrationsquote (K2) ist erreicht, wenn die Integrationsquote 2018 den Wert von 2017 erreicht (K2 = 0,0 %)", "K2 = 0,0 %"),
            },
            Observations =
            {
                new Observation
                {
                    Id = "II.F1",
                    Indicator = KeyFigure("K2", KeyFigurePart.Value),
                    Measure = Measure.CalendarYearValue,
                    Scope = scope,
                    TargetGroup = refugees,
                    Wording = "Die Integrationsquote der ELB aus den 8 wichtigsten Asylherkunftsländern wird im Jahr 2018 beobachtet. Ggfls. erfolgt eine zusätzliche Berichterstattung zur Integrationsquote der ELB im Fluchtcontext.",
                },
            },
            TargetGroups = { refugees },
        });
        request.Content.Goals.Add(new Goal
        {
            Id = "III",
            Kind = GoalKind.AvoidLongTerm,
            Heading = "III. Vermeidung von langfristigem Leistungsbezug",
            Text = """
                Mit diesem Ziel soll ein besonderes Augenmerk auf diejenigen Leistungsberechtigten gelegt werden, die bereits länger im Leistungsbezug sind bzw. ein entsprechendes Risiko aufweisen.

                Ziel ist die Vermeidung bzw. Verringerung von Langzeitleistungsbezug sowie die Verbesserung der sozialen Teilhabe. Zielindikatoren sind die Veränderung des jahresdurchschnittlichen Bestandes an Langzeitleistungsbeziehern (K3), die Entwicklung des Bestandes an Langzeitleistungsbeziehern im Jahresverlauf sowie die Veränderung der Integrationsquote von Langzeitleistungsbeziehern (K3E1).
                """,
            Targets =
            {
                Aim("III.1", KeyFigure("K3", KeyFigurePart.Numerator), Measure.AnnualAverage, Direction.AtMost, "0.0", DataBasis.Final, scope,
                    "Das Ziel ist im Jahr 2018 erreicht, wenn der durchschnittliche Bestand an Langzeitleistungsbeziehern dem Vorjahresergebnis entspricht (K 3 = 0,0 %).", "K3 = 0,0 %"),
                Aim("III.2", KeyFigure("K3E1", KeyFigurePart.Value), Measure.CalendarYearValue, Direction.AtLeast, "4.0", DataBasis.Final, scope,
                    "Gleichzeitig soll die Integrationsquote der Langzeitleistungsbeziehenden um 4,0 % gegenüber dem Vorjahresergebnis gesteigert werden."),
                Aim("III.3", KeyFigure("K3", KeyFigurePart.Numerator), Measure.DecemberValue, Direction.AtMost, "0.0", DataBasis.T0, scope,
                    "Das Ziel ist erreicht, wenn der Jahresendbestand an Langzeitleistungsbeziehern in 2018 dem Jahresendbestand 2017 (Dezember t-0) entspricht (Veränderung LzL = 0,0%).", "Stagnation"),
            },
            Observations =
            {
                new Observation
                {
                    Id = "III.F1",
                    TargetGroup = new TargetGroup { Kind = TargetGroupKind.MigrationRefugees, Label = "Leistungsberechtigte mit Asyl/Fluchthintergrund" },
                    Wording = "Das Hineinwachsen von Leistungsberechtigten mit Asyl/Fluchthintergrund wird in einem Monitoring gesondert beobachtet.",
                },
            },
        });
        return request;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Seed 004: BMAS – MAIS NRW 2016 (§ 48b Abs. 1 S. 1 Nr. 3)

    public const string BmasNrwTrilateralSectionHeading =
        "IV. Zielvereinbarung über die beitragenden Leistungen der kommunalen Träger der gemeinsamen Einrichtungen (gE)";

    /// <summary>
    /// dated_on 2016-02-01 is chosen (illustrative): after the Bundeshaushaltsgesetz 2016 of 21.12.2015 the text relies on;
    /// the seed dates only its signatures (October 2016). <paramref name="trilateralAgreementIds"/> are the ids of the
    /// 35 trilateral Nr. 2 agreements § IV refers to (they exist only once a test has created them).
    /// </summary>
    public static CreateDraftRequest BmasNrw2016Draft(IEnumerable<string> trilateralAgreementIds)
    {
        var zkt = new Scope { Group = new JobcenterGroup { Kind = GroupKind.ZktOfState, State = NrwState, Aggregation = Aggregation.Pooled } };
        var zktOnAverage = new Scope { Group = new JobcenterGroup { Kind = GroupKind.ZktOfState, State = NrwState, Aggregation = Aggregation.MeanOfMembers } };
        var request = new CreateDraftRequest
        {
            Year = 2016,
            LegalBasis = LegalBasis.Sgb248BNr3,
            DatedOn = "2016-02-01",
            Parties =
            {
                Party("bmas", PartyRole.Signatory, "Herrn", "Staatssekretär", "Thorben Albrecht"),
                Party("mags-nrw", PartyRole.Signatory, "Herrn", "Staatssekretär", "Dr. Wilhelm Schäffer"),
            },
            Content = new AgreementContent
            {
                Title = "Zielvereinbarung zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende durch zugelassene kommunale Träger im Land Nordrhein-Westfalen im Jahr 2016",
                LegalBasisText = "Gemäß § 48b Abs. 1 S. 1 Nr. 3 des Zweiten Buches Sozialgesetzbuch (SGB II) schließt das Bundesministerium für Arbeit und Soziales (BMAS) mit dem Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende hinsichtlich der Leistungserbringung durch die zugelassenen kommunalen Träger für das Jahr 2016 folgende",
                Preamble = """
                    Die Aufnahme und Beibehaltung einer Erwerbstätigkeit, die Erhaltung, Verbesserung oder Wiederherstellung der Erwerbsfähigkeit sowie die Unabhängigkeit von staatlichen Hilfeleistungen sind die zentralen Anliegen des SGB II. Diese Zielvereinbarung ist deshalb darauf ausgerichtet, möglichst viele Leistungsberechtigte dauerhaft in existenzsichernde Erwerbstätigkeit einzugliedern und die Hilfebedürftigkeit insgesamt zu vermindern. Besonderes Augenmerk wird dabei auf die Vermeidung und Verringerung der Langzeitarbeitslosigkeit gelegt.

                    Die Überwindung von Hilfebedürftigkeit setzt im Regelfall eine existenzsichernde Erwerbstätigkeit voraus. Die Anstrengungen der Beteiligten sind daher in erster Linie hierauf auszurichten. Die Eigenverantwortung der Leistungsberechtigten und der mit ihnen in einer Bedarfsgemeinschaft lebenden Personen ist neben der Verfügbarkeit von Arbeitsplätzen die entscheidende Voraussetzung für die erfolgreiche Leistungserbringung der Träger. Darüber hinaus soll bereits das Entstehen von Hilfebedürftigkeit vermieden und Hilfebedürftigkeit verkürzt und vermindert werden.

                    Diejenigen Leistungsberechtigten, die nicht unmittelbar in Erwerbstätigkeit vermittelt werden können, sollen Leistungen erhalten, die die Aufnahme einer Erwerbstätigkeit ermöglichen und ihre Beschäftigungsfähigkeit verbessern.

                    Die Integration in das Erwerbsleben ist eine der vordringlichsten Maßnahmen zur Förderung der Teilhabe von Menschen mit Behinderungen nach der UN-Behindertenrechtskonvention. Daher ist es wichtig, Belange von Menschen mit Behinderungen zu erkennen, sie fachkundig zu beraten und zu vermitteln.
                    """,
                FrameworkConditions = BmasNrw2016FrameworkConditions,
                Budget =
                {
                    new BudgetFigure { Kind = BudgetKind.Vwt, AmountCents = 363_492_666_00, Wording = "für Verwaltungs- und Sachkosten" },
                    new BudgetFigure { Kind = BudgetKind.Egt, AmountCents = 321_215_934_00, Wording = "für Leistungen zur Eingliederung in Arbeit" },
                },
                DialoguePlan = new DialoguePlan
                {
                    PerYear = 2,
                    Text = """
                        (1) Das BMAS und das Land Nordrhein-Westfalen führen in vertrauensvoller Zusammenarbeit unterjährig in regelmäßigen Abständen - mindestens jedoch zweimal jährlich - direkte Dialoge zur Entwicklung in den Zielindikatoren. Der Dialog im Frühjahr 2017 wird zu den Gesamtergebnissen der Zielsteuerung 2016 geführt, welche auf Basis von Daten ohne Wartezeit (t-0) ermittelt werden.

                        (2) Das BMAS analysiert die Zielerreichung auf der Grundlage von Daten ohne Wartezeit und stellt die Analysen den Ländern im Vorfeld der Dialoge zur Zielerreichung und zu weiteren Terminen zur Verfügung. Die Länder übermitteln dem BMAS rechtzeitig vor den Dialogen zur Zielerreichung eine schriftliche Bewertung der Analysen.

                        (3) Unterjährige Abweichungen von den in § 2 festgelegten Haushaltsmitteln und den gesamtwirtschaftlichen Eckwerten werden bei der Beurteilung der Zielerreichung ebenso berücksichtigt wie konjunkturelle und strukturelle Besonderheiten. Insbesondere die aus den Herausforderungen durch Zuwanderung, Flucht und Asyl resultierende Unsicherheit in der Zielplanung wird bei der Betrachtung der tatsächlichen Entwicklung im Rahmen der Zielnachhaltung angemessen berücksichtigt.
                        """,
                },
            },
        };

        var content = request.Content;
        content.Goals.Add(new Goal
        {
            Id = "1",
            Kind = GoalKind.ReduceNeed,
            Heading = "1. Verringerung der Hilfebedürftigkeit",
            Text = """
                Ziel ist es, dass erwerbsfähige Leistungsberechtigte ihren Lebensunterhalt unabhängig von der Grundsicherung nach SGB II aus eigenen Mitteln und Kräften bestreiten, damit die Hilfebedürftigkeit insgesamt verringert wird.

                Für die Nachhaltung der Erreichung dieses Ziels wird im Vergleich zum Vorjahr die Entwicklung der Summe der Leistungen zum Lebensunterhalt im Rahmen eines Monitorings beobachtet.

                Stärker als bisher soll im Monitoring der Einfluss der Qualität der Integrationen auf die Entwicklung der Hilfebedürftigkeit betrachtet werden. Hierzu werden die Nachhaltigkeit der Integrationen und bedarfsdeckende Integrationen beobachtet. Darüber hinaus wird besonderes Augenmerk auf die Integrationsquote der Langzeitleistungsbezieher sowie auf die Zahl der Langzeitleistungsbezieher, die seit vier Jahren oder länger als erwerbsfähige Leistungsberechtigte im Hilfebezug sind, gelegt.
                """,
            Observations =
            {
                Watch("1.K1", KeyFigure("K1", KeyFigurePart.Numerator), Measure.AnnualSum, zkt, "Entwicklung der Summe der Leistungen zum Lebensunterhalt im Vergleich zum Vorjahr"),
                Watch("1.K2E3", KeyFigure("K2E3", KeyFigurePart.Value), Measure.CalendarYearValue, zkt, "Nachhaltigkeit der Integrationen"),
                Watch("1.bedarfsdeckend", Custom("bedarfsdeckende-integrationen", "Anteil bedarfsdeckender Integrationen", "%"), Measure.CalendarYearValue, zkt, "bedarfsdeckende Integrationen"),
                Watch("1.K3E1", KeyFigure("K3E1", KeyFigurePart.Value), Measure.CalendarYearValue, zkt, "Integrationsquote der Langzeitleistungsbezieher"),
                Watch("1.lzb-vier-jahre", Custom("lzb-vier-jahre", "Langzeitleistungsbezieher, die seit vier Jahren oder länger als erwerbsfähige Leistungsberechtigte im Hilfebezug sind", "Personen"), Measure.AnnualAverage, zkt,
                    "Zahl der Langzeitleistungsbezieher, die seit vier Jahren oder länger als erwerbsfähige Leistungsberechtigte im Hilfebezug sind"),
            },
        });
        content.Goals.Add(new Goal
        {
            Id = "2",
            Kind = GoalKind.Integration,
            Heading = "2. Verbesserung der Integration in Erwerbstätigkeit",
            Text = "Ziel ist es, die Hilfebedürftigkeit zu vermeiden oder zu überwinden. Dies soll vor allem durch die Erhöhung der Zahl der Integrationen in Erwerbstätigkeit erfolgen. Zielindikator für dieses Ziel ist die Integrationsquote.",
            Targets =
            {
                Aim("2.1", KeyFigure("K2", KeyFigurePart.Value), Measure.CalendarYearValue, Direction.AtLeast, "-0.4", DataBasis.T0, zktOnAverage,
                    "Das Ziel ist im Jahr 2016 erreicht, wenn die Integrationsquote der zugelassenen kommunalen Träger des Landes Nordrhein-Westfalen im Durchschnitt um insgesamt höchstens 0,4 % im Vergleich zum Vorjahr sinkt."),
            },
        });
        content.Goals.Add(new Goal
        {
            Id = "3",
            Kind = GoalKind.AvoidLongTerm,
            Heading = "3. Vermeidung von langfristigem Leistungsbezug",
            Text = "Ziel ist die Vermeidung und Verringerung von Langzeitleistungsbezug. Der Prävention und der Beendigung des Langzeitleistungsbezugs soll deshalb weiterhin erhöhte Aufmerksamkeit zukommen. Damit wird zugleich ein Beitrag zum generellen Ziel des SGB II geleistet werden, die Dauer des Hilfebezugs zu verkürzen, die Entstehung von Langzeitleistungsbezug zu verhindern und die sozialen Teilhabechancen sowie die Beschäftigungsfähigkeit auch für marktbenachteiligte Leistungsberechtigte zu verbessern.",
            Targets =
            {
                Aim("3.1", KeyFigure("K3", KeyFigurePart.Numerator), Measure.AnnualAverage, Direction.AtMost, "0.0", DataBasis.T0, zkt,
                    "Das Ziel ist im Jahr 2016 erreicht, wenn der durchschnittliche Bestand an Langzeitleistungsbeziehern der zugelassenen kommunalen Träger des Landes Nordrhein-Westfalen nicht über dem Vorjahreswert liegt (+/- 0,0 %).", "+/- 0,0 %"),
            },
        });
        var singleParents = new TargetGroup { Kind = TargetGroupKind.WomenSingleParents, Label = "Alleinerziehende" };
        content.Goals.Add(new Goal
        {
            Id = "4",
            Kind = GoalKind.SingleParents,
            Heading = "4. Verbesserung der Integration Alleinerziehender in Erwerbstätigkeit",
            Text = "Der Integration von Alleinerziehenden in Erwerbstätigkeit soll besondere Aufmerksamkeit geschenkt werden. Dazu soll im Jahr 2016 die Ergänzungsgröße „Integrationsquote der Alleinerziehenden“ nach § 5 Abs. 2 Nr. 4 Kennzahlen-VO im Vergleich zum Vorjahr in ihrem Verlauf beobachtet werden.",
            Observations =
            {
                new Observation
                {
                    Id = "4.K2E4",
                    Indicator = KeyFigure("K2E4", KeyFigurePart.Value),
                    Measure = Measure.CalendarYearValue,
                    Comparison = Comparison.RelativeChange,
                    Scope = zkt,
                    TargetGroup = singleParents,
                    Wording = "Integrationsquote der Alleinerziehenden im Vergleich zum Vorjahr in ihrem Verlauf",
                },
            },
            TargetGroups = { singleParents },
        });
        content.Goals.Add(new Goal
        {
            Id = "5",
            Kind = GoalKind.MunicipalServices,
            Heading = "5. Verbesserung der Verknüpfung kommunal- und bundesfinanzierter Eingliederungsleistungen",
            Text = "Kommunale Eingliederungsleistungen sind Teil der gesetzlichen Leistungen des SGB II und Bestandteil einer umfassenden und ganzheitlichen Leistungserbringung. Insbesondere die Verknüpfung arbeitsmarktlicher Leistungen mit kommunalen Eingliederungsleistungen ermöglicht bei Arbeitsuchenden mit komplexen Profilen eine umfassende Betreuung, unterstützt die Eingliederung in das Erwerbsleben und ist deshalb stetig weiter zu verbessern. Entsprechende lokale Zielvereinbarungen zwischen Kommunalen Trägern und den beteiligten handelnden Akteuren (z.B. Land, Jobcenter) können hierzu einen Beitrag leisten. Der Abschluss solcher Zielvereinbarungen soll unterstützt und gefördert werden. Die Transparenz über diese Zielvereinbarungen soll erhöht werden, um gleichzeitig Prozesse des Voneinander-Lernens in diesem Bereich zu fördern.",
        });
        content.Goals.Add(new Goal
        {
            Id = "6",
            Kind = GoalKind.StateSpecific,
            Heading = "6. Landesspezifische Ziele für 2016",
            Qualitative =
            {
                "Langzeitleistungsbeziehende und Langzeitarbeitslose aktivieren und Integrationschancen verbessern.",
                "Erbringung der kommunalen Eingliederungsleistungen nach § 16a SGB II verbessern.",
                "Integration von Jugendlichen, insbesondere in den Ausbildungsmarkt, verbessern.",
                "Herausforderungen bei der Betreuung von Asylsuchenden und Flüchtlingen bewältigen.",
                "Verbesserung der Arbeitsmarktzugänge für behinderte Menschen.",
            },
        });

        content.Sections.Add(new Section
        {
            Heading = "III. Vereinbarungen – § 1 Verpflichtung der Vereinbarungspartner",
            Text = """
                (1) BMAS und Nordrhein-Westfalen setzen sich dafür ein, dass die in § 3 zu den landesweiten Zielen für die zugelassenen kommunalen Träger vereinbarten Zielaussagen erreicht werden. Die Maßnahmen zur Zielerreichung erfolgen wirkungsorientiert und wirtschaftlich.

                (2) Die zuständige Landesbehörde schließt zu diesem Zweck gem. § 48b Abs. 1 S. 1 Nr. 4 SGB II Zielvereinbarungen mit den zugelassenen kommunalen Trägern ab.
                """,
        });
        content.Sections.Add(new Section
        {
            Heading = "§ 2 Haushaltsmittel, ökonomische Eckwerte und gesetzliche Neuregelungen",
            Text = """
                (1) Auf Grundlage der Eingliederungsmittel-Verordnung 2016, der Inanspruchnahme der Ausgabereste 2015 (bundesweit 330 Millionen Euro) sowie der beiden Tranchen für flüchtlingsinduzierte Mehrbedarfe stehen den zugelassenen kommunalen Trägern des Landes Nordrhein-Westfalen im Jahr 2016 folgende Haushaltsansätze zur Verfügung:

                (2) Die Auswirkungen von gesetzlichen Neuregelungen werden berücksichtigt.
                """,
        });
        content.Sections.Add(new Section
        {
            Heading = "§ 3 (2) Kennzahlen",
            Text = "Hinsichtlich der Zielindikatoren und der jeweils zu berücksichtigenden Ergänzungsgrößen findet die Verordnung zur Festlegung der Kennzahlen nach § 48a des Zweiten Buches Sozialgesetzbuch vom 12.08.2010 (BGBl. I S. 1152) Anwendung.",
        });
        var trilateral = new Section
        {
            Heading = BmasNrwTrilateralSectionHeading,
            Text = """
                In NRW ist es ein besonderes Anliegen, die Zusammenarbeit der beiden Träger in den gemeinsamen Einrichtungen zu festigen.

                Auch in 2016 ist folgendes Vorgehen vorgesehen:

                - Einbindung der kommunalen Träger der gE in den Planungsprozess (gemeinsame Planungsworkshops und Erstellung der lokalen Planungsdokumente unter Beteiligung beider Träger),
                - Zusammenführung der Zielvereinbarungsstränge nach § 48b Abs. 1 Satz 1 Nr. 2 SGB II zu sog. trilateralen Vereinbarungen sowie
                - gemeinsames Vorantreiben des Fokusthemas der kommunalen Eingliederungsleistungen nach § 16a SGB II, u.a. im Rahmen einer Arbeitsgruppe Qualitätsarbeit der Jobcenter und Erarbeitung von Handlungsempfehlungen.

                § 1 Vereinbarungsinhalte

                Für 2016 haben die Agenturen für Arbeit, die kommunalen Träger und die Geschäftsführerinnen und Geschäftsführer aller 35 gemeinsamen Einrichtungen erneut trilaterale Zielvereinbarungen gem. § 48b Abs. 1 Satz 1 Nr. 2 SGB II abgeschlossen und die Planungsdokumente unter Beteiligung beider Träger erstellt. Sie sind Bestandteil der Vereinbarungen.

                Die Planungsdokumente und Zielvereinbarungen geben die abgestimmten Ziele beider Träger unter Beachtung der unterschiedlichen Aufsichtsstränge wieder und konkretisieren die gemeinsame Strategie zur Erreichung der vereinbarten Ziele. In 20 gemeinsamen Einrichtungen wurden Vereinbarungen zu kommunalen Zielen getroffen.

                Die Vereinbarungsinhalte für 2016 sind unter anderem:

                (a) Kommunale Leistungen

                Vereinbart wurden häufig die Verbesserung von Prozess- und Leistungsstandards bei der Erbringung kommunaler Eingliederungsleistungen sowie deren Dokumentation zur Erhöhung der Transparenz. Zudem wurde die Erhöhung und Beschleunigung von Angeboten der Schuldnerberatung sowie der Sucht- und psychosozialen Beratung thematisiert, ebenso Verbesserungen beim Angebot an Kinderbetreuung.

                Verschiedentlich werden Gutscheinsysteme bei der Nutzung kommunaler Eingliederungsleistungen angeboten.

                Daneben sind oft Verabredungen zur Senkung der Leistungen für Unterkunft und Heizung Gegenstand der trilateralen Zielvereinbarungen. Auch zur Steigerung der Ausgabequote bei Leistungen des Bildungs- und Teilhabepakets wurden Vereinbarungen getroffen.

                (b) Reduzierung der Jugendarbeitslosigkeit

                Sehr oft werden konkrete Ziele bei der Veränderung der Arbeitslosenquote oder der absoluten Zahl von arbeitslosen Jugendlichen / von U 25 angestrebt. Dabei werden z.B. die Ermittlung von Potentialen junger Menschen sowie die Heranführung dieser Personen an berufliche Ausbildung bzw. an abschlussorientierte Qualifizierungen in den Fokus genommen. In einem Jobcenter wird 2016 gemeinsam mit der Kommune eine Jugendberufsagentur gegründet und in Betrieb genommen.

                (c) Gesundheitsprävention

                Häufig sind Ansätze zur Beratung von Kunden mit gesundheitlichem Rehabilitationsbedarf und die Entwicklung beruflicher Integrationsperspektiven Gegenstand der Zielvereinbarungen. Ganz konkret ist z.B. in einem Jobcenter die Vermittlung von mindestens 35 Menschen mit Behinderungen in den ersten Arbeitsmarkt durch Intensivierung der Integrationsarbeit zwischen der bewerberorientierten Integrationsfachkraft und dem Arbeitgeberservice vorgesehen.

                (d) Flüchtlinge

                Mehrere gemeinsame Einrichtungen haben spezifische Ansätze zur Integration von Flüchtlingen in den Arbeitsmarkt in ihren trilateralen Zielvereinbarungen verabredet. Dabei wird vor allem auf die Sicherstellung eines naht- und reibungslosen Übergangs zwischen den Rechtskreisen und die Betreuung durch adäquate Betreuungs- und Förderangebote geachtet. In NRW ist es ein besonderes Anliegen, die Zusammenarbeit der beiden Träger in den gemeinsamen Einrichtungen zu festigen.

                § 2 Dialog mit dem BMAS

                MAIS und BMAS führen in vertrauensvoller Zusammenarbeit unterjährig im Zusammenhang mit dem Kooperationsausschuss Dialoge zur Umsetzung der in § 1 benannten Vereinbarungen.
                """,
        };
        trilateral.ReferencedAgreementIds.AddRange(trilateralAgreementIds);
        content.Sections.Add(trilateral);
        return request;
    }

    /// <summary>Seed 004 with § IV referring to the given trilateral Nr. 2 agreements (created by the test first).</summary>
    public static SeedAgreement BmasNrw2016With(IReadOnlyList<string> trilateralAgreementIds) => new(
        BmasNrw2016.Name, BmasNrw2016.Label, BmasNrw2016.DraftingClientId, () => BmasNrw2016Draft(trilateralAgreementIds),
        BmasNrw2016.Steps, BmasNrw2016.ExpectedStatus, BmasNrw2016.ExpectedInForceOn);

    /// <summary>Seed 004 II. Rahmenbedingungen, in full.</summary>
    public const string BmasNrw2016FrameworkConditions = """
        Auf Bundesebene:

        Die ökonomischen Rahmenbedingungen für die Grundsicherung für Arbeitsuchende stellen sich für das Jahr 2016 gemäß Herbstprojektion der Bundesregierung sowie der IAB-Prognose 2015/2016 wie folgt dar.

        Die Bundesregierung geht von einem Anstieg des realen Bruttoinlandsprodukts um 1,7 % im Jahr 2015 und um 1,8 % im Jahr 2016 aus. Das IAB geht von einem Anstieg um 1,8 % sowohl im Jahr 2015 als auch im Jahr 2016 aus.

        Die deutsche Wirtschaft wächst weiter und befindet sich trotz der gedämpften weltwirtschaftlichen Perspektiven auf einem guten Weg. Dazu trägt vor allem die positive Entwicklung der Beschäftigung verbunden mit steigenden Einkommen bei. Zentraler Tragpfeiler der positiven Entwicklung sind die privaten Konsumausgaben. Auch aus Sicht des IAB senden die wirtschaftlichen Frühindikatoren trotz bestehender Risiken überwiegend günstige Signale. Die große Herausforderung für Deutschland ist die Flüchtlingsmigration aus den Krisengebieten.

        Der Arbeitsmarkt ist in einer insgesamt guten Situation und die positiven Trends setzen sich hier kräftig fort. Beschäftigung und Einkommen sowie insbesondere die Erwerbstätigkeit werden weiter steigen. Das IAB sieht den Arbeitsmarkt auch für eine kritische Phase infolge der aktuell hohen Flüchtlingsmigration gut gerüstet.

        Das IAB prognostiziert für 2016 eine Zunahme der Zahl der Erwerbstätigen um 250.000 auf 43,2 Mio. (+0,6 %). Die Bundesregierung geht in ihrer Herbstprojektion demgegenüber von einem Anstieg der Erwerbstätigen um 271.000 auf 43,3 Mio. (+0,6 %) aus.

        Trotz der insgesamt erwarteten günstigen konjunkturellen Entwicklung, wird aufgrund der besonderen Situation infolge der hohen Zuwanderungszahlen perspektivisch mit einem leichten Anstieg der Arbeitslosigkeit gerechnet. Die Arbeitslosigkeit wird nach Schätzung des IAB im Jahresdurchschnitt 2015 um 100.000 auf 2,80 Mio. sinken. Für das Jahr 2016 geht das IAB von einer jahresdurchschnittlichen Steigerung um 70.000 auf 2,87 Mio. Personen aus. Dieser Anstieg der Zahl der Arbeitslosen im Jahr 2016 wird nach Einschätzung des IAB voraussichtlich im SGB II höher ausfallen (60.000) als im SGB III (10.000). Dies entspricht einer Steigerung um 3,3 % im SGB II und um 1,0 % im SGB III. Das IAB führt aus, dass die Arbeitslosigkeit im Bereich des SGB II einerseits weniger konjunkturell getrieben sei. Zudem geht das IAB davon aus, dass mehr als 2/3 der in 2016 arbeitslos gemeldeten Flüchtlinge im Rechtskreis des SGB II betreut werden.

        Die Bundesregierung geht von ebenfalls 2,80 Mio. Arbeitslosen im Jahresdurchschnitt 2015 aus. Für 2016 erwartet sie einen Anstieg um 60.000 Personen auf 2,86 Mio. Arbeitslose.

        Für die erwerbsfähigen Leistungsberechtigten im SGB II geht das IAB für das Jahr 2015 von einem jahresdurchschnittlichen Bestand von 4,38 Mio. aus. Für das Jahr 2016 erwartet das IAB einen Anstieg um 190.000 Personen (+4,4 %) auf einen jahresdurchschnittlichen Bestand von 4,57 Mio. erwerbsfähige Leistungsberechtigte.

        Auf Landesebene:

        - Für die ökonomischen Rahmenbedingungen im Land Nordrhein-Westfalen ist davon auszugehen, dass ein Wachstum des Bruttoinlandproduktes um +1,4 % erfolgt.
        - Die wirtschaftliche Situation Nordrhein-Westfalens ist auf strukturelle, nicht auf konjunkturelle Gründe zurück zu führen.
        - Die Beschäftigung wird 2016 weiter leicht wachsen, die Arbeitslosigkeit bei einer Quote von 8,0 % verbleiben.
        - Das RWI erwartet für 2016, dass in NRW rund 65.000 Flüchtlinge dem Arbeitsmarkt zusätzlich zur Verfügung stehen werden.

        Die Arbeitslosigkeit wird im Jahresverlauf 2016 steigen. Mehr Asylbewerber werden anerkannt und haben damit Anspruch auf Arbeitslosengeld II. Die Beschäftigungschancen sind aber zunächst aufgrund von Sprachdefiziten und einer geringen Qualifikation gering. Der Effekt der registrierten Arbeitslosigkeit wird aber verzögert eintreten, da die betroffenen Personen zunächst an Maßnahmen teilnehmen werden.

        Im Prognosezeitraum wird der Arbeitsmarkt in Nordrhein-Westfalen von der Flüchtlingsmigration beeinflusst werden. Unter der Annahme, dass die Schutzquoten, die Altersstruktur der Bewerber sowie die Partizipationsrate für alle Bundesländer gleich sind und dass die anerkannten Asylbewerber in dem Bundesland bleiben, in dem der Erstantrag gestellt wurde, dürften im Verlauf von 2016 rund 65.000 Flüchtlinge dem Arbeitsmarkt zusätzlich zur Verfügung stehen.

        Der Arbeitsmarkt in NRW ist aktuell sehr stabil und zeigt vor allem in der sozialversicherungspflichtigen Beschäftigung und bei den Stellenmeldungen Steigerungspotenziale.

        Auch die Entwicklung der Arbeitslosigkeit in der Arbeitslosenversicherung deutet auf eine gute konjunkturelle Entwicklung hin. Dass die Arbeitslosigkeit in der Grundsicherung ansteigt, hängt nur mit externen Einflüssen durch die Flüchtlingszuwanderung zusammen.

        Aufgrund der aktuellen Rahmenbedingungen der Flüchtlingssituation ist nicht abzuschätzen, wann die erwartete größere Zahl an Asylsuchenden bzw. Schutzberechtigten auf die Agenturen für Arbeit und Jobcenter zukommen werden.

        Die Entwicklung der Beschäftigung und auch der gemeldeten Arbeitsstellen wird sich vermutlich zur Jahresmitte etwas beruhigen, aber in der Grundtendenz positiv bleiben.

        Das uneinheitliche Geschäftsklima der letzten Monate in den Unternehmen, vor allem in Bezug auf die Geschäftserwartungen, führt anscheinend nicht zu einem Verlust an gemeldeten Stellen. Allerdings lassen sich die Arbeitgeber mit den Einstellungen Zeit. Sie scheinen auf den geeignetsten Kandidaten zu warten. Dies führt zu einem starken Anstieg der Vakanzzeit und demzufolge auch der Stellenbestände. Und das bedeutet, dass etwas schwächere Bewerber/-innen weiterhin Schwierigkeiten haben, einen neuen Arbeitsplatz zu erlangen.

        Folgende Indikatoren zur Zusammensetzung der Arbeitsuchenden dokumentieren, dass in Nordrhein-Westfalen Personengruppen mit einem überdurchschnittlich hohen Risiko zum Langzeitleistungsbezug überrepräsentiert sind:

        - Junger Altersaufbau und dadurch starkes Hineinwachsen neuer erwerbsfähiger Leistungsberechtigter.
        - Überdurchschnittlich viele große Bedarfsgemeinschaften (mit 5 und mehr Personen) und damit höhere Schwelle der Überwindung von Hilfebedürftigkeit.
        - Überdurchschnittlicher Anteil von Arbeitsuchenden im SGB II ohne abgeschlossene Berufsausbildung.
        - Hohe SGB II-Quote in der Bevölkerung (11,7 %).
        - Sehr hoher Migrantenanteil im SGB II.

        Folgende Besonderheiten des Arbeitsmarktes in NRW wirken sich erschwerend auf die Integrationsleistung aus:

        - Besonders ausgeprägtes Missverhältnis von Angebot und Nachfrage auf dem nordrhein-westfälischen Arbeitsmarkt.
        - Geringere Fluktuation bei Zu- und Abgang als bundesweit.
        - Hohe Arbeitslosigkeit und damit auch geringere Beschäftigungschancen für SGB II-Arbeitsuchende durch höheren Konkurrenzdruck auf dem Arbeitsmarkt mit der Folge, dass die geringqualifizierten und häufig schon lange arbeitslosen Arbeitssuchenden aus dem SGB II geringere Chancen auf eine Integration in den Arbeitsmarkt haben. Demzufolge bestehen auch geringere Chancen zur Überwindung der Hilfebedürftigkeit.
        - Infolge der Wirtschaftsstruktur gibt es in Nordrhein-Westfalen einen höheren Anteil von sozialversicherungspflichtigen Arbeitsplätzen für Ungelernte. Das betrifft insbesondere das Arbeitsmarktsegment der Zeitarbeit, dessen Anteil zuletzt wieder zunimmt.

        Finanzielle Rahmenbedingungen:

        Die finanziellen Rahmenbedingungen stellen sich wie folgt dar: Der Ansatz für den Eingliederungstitel 2016 auf Bundesebene beläuft sich auf rund 3,90 Mrd. Euro, der für die Verwaltungskosten auf rund 4,04 Mrd. Euro (Bundeshaushaltsgesetz 2016 vom 21. Dezember 2015).
        """;

    // -----------------------------------------------------------------------------------------------------------
    // Seed 002: MAIS NRW – Kreis Unna 2012 (AG-SGB II NRW § 2a)

    /// <summary>
    /// The draft MAIS prepared "bereits mit Landeszielen versehen". dated_on 2011-11-21, the first day of the workshop
    /// "Zielplanung 2012" whose basis it was. The state goal below is illustrative (seed 002 does not list the
    /// Landesziele); the three federal goals are included "nachrichtlich", as goals without targets, as the seed says.
    /// The representatives are not in seed 002: MAIS's is the Staatssekretär of seed 004 (in office in 2012: unverified),
    /// the Kreis's is left out.
    /// </summary>
    public static CreateDraftRequest Unna2012Draft()
    {
        const string Nachrichtlich = "Nachrichtlich aus dem Zielvereinbarungsprozess zwischen der Bundesagentur für Arbeit und dem Jobcenter Kreis Unna.";
        return new CreateDraftRequest
        {
            Year = 2012,
            LegalBasis = LegalBasis.StateLaw,
            DatedOn = "2011-11-21",
            Parties =
            {
                Party("mags-nrw", PartyRole.Signatory, "Herrn", "Staatssekretär", "Dr. Wilhelm Schäffer"),
                new AgreementParty { PartyId = "kt-05978", Role = PartyRole.Signatory, Designation = "als kommunalem Träger des Jobcenters Kreis Unna" },
                new AgreementParty { PartyId = "jc-05978", Role = PartyRole.Concerned },
            },
            Content = new AgreementContent
            {
                Title = "Zielvereinbarung zwischen dem Ministerium für Arbeit, Integration und Soziales NW und dem Kreis Unna zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2012",
                Preamble = "Zwischen dem zuständigen Ministerium und den kommunalen Trägern, die eine gemeinsame Einrichtung nach § 44b Zweites Buch Sozialgesetzbuch gebildet haben, sollen Zielvereinbarungen zur Umsetzung der Aufgaben nach § 6 Abs. 1 Nr. 2 Zweites Buch Sozialgesetzbuch abgeschlossen werden.",
                Goals =
                {
                    new Goal { Id = "1", Kind = GoalKind.ReduceNeed, Heading = "Verringerung der Hilfebedürftigkeit", Text = Nachrichtlich },
                    new Goal { Id = "2", Kind = GoalKind.Integration, Heading = "Verbesserung der Integration in Erwerbstätigkeit", Text = Nachrichtlich },
                    new Goal { Id = "3", Kind = GoalKind.AvoidLongTerm, Heading = "Vermeidung von langfristigem Leistungsbezug", Text = Nachrichtlich },
                    new Goal
                    {
                        Id = "L1",
                        Kind = GoalKind.StateSpecific,
                        Heading = "Landesziel: Kommunale Eingliederungsleistungen",
                        Qualitative = { "Erbringung der kommunalen Eingliederungsleistungen nach § 16a SGB II verbessern." },
                    },
                },
            },
        };
    }

    /// <summary>
    /// Illustrative local goals of the Kreis Unna (seed 002 says only that the Kreis enriched the draft with local goals
    /// in § 3, "selbsterklärend"); the magnitudes are plausible, not the Kreis's.
    /// </summary>
    public static IReadOnlyList<Goal> UnnaLocalGoals() =>
    [
        new Goal
        {
            Id = "U1",
            Kind = GoalKind.Local,
            Heading = "Lokales Ziel: Integration Jugendlicher unter 25 Jahren",
            Text = "Illustrativ: Die Zahl der Integrationen junger erwerbsfähiger Leistungsberechtigter unter 25 Jahren soll gegenüber dem Vorjahr steigen.",
            Targets =
            {
                Aim("U1.1", Custom("integrationen-u25", "Integrationen erwerbsfähiger Leistungsberechtigter unter 25 Jahren", "Integrationen"),
                    Measure.AnnualSum, Direction.AtLeast, "3.0", DataBasis.Final, Jobcenter("jc-05978"),
                    "Die Zahl der Integrationen von U25 steigt 2012 um mindestens 3,0 % gegenüber dem Vorjahr."),
            },
            TargetGroups = { new TargetGroup { Kind = TargetGroupKind.Youth, Label = "Jugendliche unter 25 Jahren (U25)" } },
        },
        new Goal
        {
            Id = "U2",
            Kind = GoalKind.Local,
            Heading = "Lokales Ziel: Kommunale Eingliederungsleistungen nach § 16a SGB II",
            Qualitative = { "Illustrativ: Wartezeiten für die Schuldnerberatung und die Suchtberatung verkürzen." },
        },
    ];

    // -----------------------------------------------------------------------------------------------------------
    // Seed 003: the multilateral agreement for 2013 (Rhein-Kreis Neuss), returned unsigned by MAIS

    /// <summary>
    /// The agreement as the Rhein-Kreis Neuss received it (its content is only summarised in seed 003: title and target
    /// groups; the goals of § 48b Abs. 3 are illustrative headings). dated_on 2013-04-15 is illustrative.
    /// </summary>
    public static CreateDraftRequest Neuss2013Draft() => new()
    {
        Year = 2013,
        LegalBasis = LegalBasis.Multilateral,
        DatedOn = "2013-04-15",
        Parties =
        {
            new AgreementParty { PartyId = "mags-nrw", Role = PartyRole.Signatory },
            new AgreementParty { PartyId = "rd-nrw", Role = PartyRole.Signatory },
            new AgreementParty { PartyId = "ba", Role = PartyRole.Signatory },
            new AgreementParty { PartyId = "kt-05162", Role = PartyRole.Signatory },
            new AgreementParty { PartyId = "jc-05162", Role = PartyRole.Signatory },
        },
        Content = new AgreementContent
        {
            Title = "Gemeinsame Vereinbarung zur Erreichung der Ziele im SGB II in 2013",
            Preamble = "Basis für eine gemeinsame Zielvereinbarung sind die im Bund-Länder-Ausschuss beschlossenen „gemeinsamen Grundlagen der Zielsteuerung SGB II“.",
            TargetGroups =
            {
                "Jugendliche",
                "Frauen, insbesondere Mütter und Alleinerziehende",
                "Personen mit Migrationshintergrund",
                "Langzeitleistungsbezieher, darunter auch arbeitsmarktferne Personengruppen",
            },
            Goals =
            {
                new Goal { Id = "1", Kind = GoalKind.ReduceNeed, Heading = "Verringerung der Hilfebedürftigkeit" },
                new Goal { Id = "2", Kind = GoalKind.Integration, Heading = "Verbesserung der Integration in Erwerbstätigkeit" },
                new Goal { Id = "3", Kind = GoalKind.AvoidLongTerm, Heading = "Vermeidung von langfristigem Leistungsbezug" },
            },
        },
    };

    // -----------------------------------------------------------------------------------------------------------

    private static AgreementParty Party(string id, PartyRole role, string salutation, string representativeRole, string name, string designation = "") => new()
    {
        PartyId = id,
        Role = role,
        RepresentedBy = new Representative { Salutation = salutation, Role = representativeRole, Name = name },
        Designation = designation,
    };

    private static Scope Jobcenter(string id) => new() { JobcenterId = id };

    private static Indicator KeyFigure(string id, KeyFigurePart part) => new() { KeyFigure = new KeyFigure { Id = id, Part = part } };

    private static Indicator Custom(string id, string name, string unit) => new() { Custom = new CustomIndicator { Id = id, Name = name, Unit = unit } };

    /// <summary>A target on the change against the prior year (all seed targets are of that form).</summary>
    private static Target Aim(string id, Indicator indicator, Measure measure, Direction direction, string value, DataBasis basis, Scope scope, string wording, string label = "") => new()
    {
        Id = id,
        Indicator = indicator,
        Measure = measure,
        Comparison = Comparison.RelativeChange,
        Direction = direction,
        Value = value,
        DataBasis = basis,
        Scope = scope,
        Wording = wording,
        Label = label,
    };

    private static Observation Watch(string id, Indicator indicator, Measure measure, Scope scope, string wording) => new()
    {
        Id = id,
        Indicator = indicator,
        Measure = measure,
        Comparison = Comparison.RelativeChange,
        Scope = scope,
        Wording = wording,
    };
}
