using Agreements.API.Rendering;
using Agreements.Tests.Seeds;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Rendering;

/// <summary>The seeds rendered from their stored data read like the originals (shared/seeds/001, 004).</summary>
public sealed class AgreementRendererTests
{
    private static Agreement Rendered(SeedAgreement seed, int? steps = null) => SeedReplay.View(SeedReplay.Replay(seed, steps));

    [Fact]
    public void Borken2018_signed_and_in_force_reads_like_seed_001()
    {
        var markdown = AgreementRenderer.Markdown(Rendered(SeedAgreements.Borken2018));

        AssertLinesInOrder(markdown,
            "# Vereinbarung",
            "**zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende im Jahr 2018**",
            "zwischen dem",
            "**Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen**",
            "vertreten durch Herrn Staatssekretär Dr. Edmund Heller",
            "und dem",
            "**Kreis Borken als zugelassenem kommunalen Träger**",
            "vertreten durch Herrn Landrat Dr. Kai Zwicker",
            "> In Kraft seit dem 22.02.2018",
            "Gemäß § 48b Abs. 1 S. 1 Nr. 4 des Zweiten Buches Sozialgesetzbuch (SGB II) schließen das Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen (MAGS NRW) und der Kreis Borken als zugelassener kommunaler Träger zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende für das Jahr 2018 folgende",
            "**Zielvereinbarung**",
            "Das Dokument „Lokales Planungsdokument 2018 des Jobcenters des Kreises Borken“ ist Bestandteil der Zielvereinbarung.",
            "## Ziele 2018",
            "### I. Verringerung der Hilfebedürftigkeit",
            "### II. Verbesserung der Integration in Erwerbstätigkeit",
            "Das Ziel ist im Jahr 2018 erreicht, wenn sich die absolute Zahl der Integrationen um 2,1 % gegenüber dem Vorjahr erhöht.",
            "- Zielwert II.1: Zahl der Integrationen (Zähler von K2), Jahressumme: mindestens +2,1 % gegenüber dem Vorjahr – Jobcenter Kreis Borken; Daten nach Wartezeit",
            "**K2 = 0,0 %**",
            "- Zielwert II.2: Integrationsquote (K2), Kalenderjahreswert (Jahresfortschrittswert Dezember): mindestens 0,0 % gegenüber dem Vorjahr – Jobcenter Kreis Borken; Daten nach Wartezeit",
            "### III. Vermeidung von langfristigem Leistungsbezug",
            "**K3 = 0,0 %**",
            "- Zielwert III.1: Bestand an Langzeitleistungsbeziehern (Zähler von K3), Jahresdurchschnitt: höchstens 0,0 % gegenüber dem Vorjahr – Jobcenter Kreis Borken; Daten nach Wartezeit",
            "- Zielwert III.2: Integrationsquote der Langzeitleistungsbezieher (K3E1), Kalenderjahreswert (Jahresfortschrittswert Dezember): mindestens +4,0 % gegenüber dem Vorjahr – Jobcenter Kreis Borken; Daten nach Wartezeit",
            "**Stagnation**",
            "- Zielwert III.3: Bestand an Langzeitleistungsbeziehern (Zähler von K3), Dezemberwert (Jahresendbestand): höchstens 0,0 % gegenüber dem Vorjahr – Jobcenter Kreis Borken; Daten ohne Wartezeit (t-0)",
            "## Zusammenarbeit",
            "Vereinbart sind mindestens 2 Steuerungsdialoge im Jahr.",
            "Düsseldorf, den 22.02.2018",
            "**Für das Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen**",
            "Dr. Edmund Heller, Staatssekretär",
            "Borken, den 29.01.2018",
            "**Für den Kreis Borken**",
            "Dr. Kai Zwicker, Landrat");
        Assert.DoesNotContain("Entwurf", markdown);
        Assert.DoesNotContain("(nicht unterzeichnet)", markdown);
    }

    [Fact]
    public void Borken2018_as_HTML_has_the_same_structure()
    {
        var html = AgreementRenderer.Html(Rendered(SeedAgreements.Borken2018));

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<h1>Vereinbarung</h1>", html);
        Assert.Contains("<p><strong>Kreis Borken als zugelassenem kommunalen Träger</strong></p>", html);
        Assert.Contains("<li>Zielwert II.1: Zahl der Integrationen (Zähler von K2), Jahressumme: mindestens +2,1 % gegenüber dem Vorjahr", html);
        Assert.Contains("<h3>III. Vermeidung von langfristigem Leistungsbezug</h3>", html);
        Assert.Contains("<p>Borken, den 29.01.2018</p>", html);
    }

    [Fact]
    public void Without_a_legal_basis_text_the_sentence_is_generated_from_the_basis_and_the_parties()
    {
        var agreement = Rendered(SeedAgreements.Borken2018);
        agreement.Edition.Content.LegalBasisText = "";

        AssertLinesInOrder(AgreementRenderer.Markdown(agreement),
            "Gemäß § 48b Abs. 1 S. 1 Nr. 4 des Zweiten Buches Sozialgesetzbuch (SGB II) schließen das Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen (MAGS NRW) und der Kreis Borken zur Erreichung der Ziele der Grundsicherung für Arbeitsuchende für das Jahr 2018 folgende",
            "**Zielvereinbarung**");
    }

    [Fact]
    public void Unna2012_under_state_law_names_AG_SGB_II_NRW_and_MAIS_as_it_was_named_then()
    {
        var markdown = AgreementRenderer.Markdown(Rendered(SeedAgreements.Unna2012));

        Assert.Contains("Gemäß § 2a des Gesetzes zur Ausführung des Zweiten Buches Sozialgesetzbuch für das Land Nordrhein-Westfalen (AG-SGB II NRW) schließen das Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen (MAIS NRW) und der Kreis Unna", markdown);
        Assert.DoesNotContain("Gesundheit", markdown);
    }

    [Fact]
    public void BmasNrw2016_budget_is_in_German_figures_after_the_paragraph_announcing_it()
    {
        var markdown = AgreementRenderer.Markdown(Rendered(SeedAgreements.BmasNrw2016));

        AssertLinesInOrder(markdown,
            "zwischen dem",
            "**Bundesministerium für Arbeit und Soziales**",
            "vertreten durch Herrn Staatssekretär Thorben Albrecht",
            "und dem",
            "**Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen**",
            "vertreten durch Herrn Staatssekretär Dr. Wilhelm Schäffer",
            "## Grundsätze",
            "## Rahmenbedingungen",
            "## Ziele 2016",
            "- Zielwert 2.1: Integrationsquote (K2), Kalenderjahreswert (Jahresfortschrittswert Dezember): mindestens -0,4 % gegenüber dem Vorjahr – alle zugelassenen kommunalen Träger (zkT) in Nordrhein-Westfalen, im Durchschnitt der Jobcenter; Daten ohne Wartezeit (t-0)",
            "**+/- 0,0 %**",
            "- Zielwert 3.1: Bestand an Langzeitleistungsbeziehern (Zähler von K3), Jahresdurchschnitt: höchstens 0,0 % gegenüber dem Vorjahr – alle zugelassenen kommunalen Träger (zkT) in Nordrhein-Westfalen, Zähler und Nenner zusammengefasst; Daten ohne Wartezeit (t-0)",
            "- Langzeitleistungsbeziehende und Langzeitarbeitslose aktivieren und Integrationschancen verbessern.",
            "## § 2 Haushaltsmittel, ökonomische Eckwerte und gesetzliche Neuregelungen",
            "1. für Verwaltungs- und Sachkosten 363.492.666 Euro",
            "2. für Leistungen zur Eingliederung in Arbeit 321.215.934 Euro",
            "(2) Die Auswirkungen von gesetzlichen Neuregelungen werden berücksichtigt.",
            "## " + SeedAgreements.BmasNrwTrilateralSectionHeading,
            "Berlin, den 24.10.2016",
            "Thorben Albrecht, Staatssekretär",
            "Düsseldorf, den 14.10.2016",
            "Dr. Wilhelm Schäffer, Staatssekretär");
        Assert.DoesNotContain("## Haushaltsmittel", markdown);
    }

    [Fact]
    public void A_draft_in_negotiation_says_Entwurf_and_shows_no_signatures()
    {
        var markdown = AgreementRenderer.Markdown(Rendered(SeedAgreements.Borken2018, steps: 1));

        AssertLinesInOrder(markdown,
            "> **Entwurf** – in Verhandlung",
            "**Für das Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen**",
            "(nicht unterzeichnet)",
            "**Für den Kreis Borken**",
            "(nicht unterzeichnet)");
        Assert.DoesNotContain("In Kraft", markdown);
    }

    [Fact]
    public void Borken2018_signed_by_the_Kreis_only_awaits_the_ministry()
    {
        var markdown = AgreementRenderer.Markdown(Rendered(SeedAgreements.Borken2018, steps: 3));

        AssertLinesInOrder(markdown,
            "> **Entwurf** – in Unterzeichnung; ausstehende Unterschriften: Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen",
            "(nicht unterzeichnet)",
            "Borken, den 29.01.2018",
            "**Für den Kreis Borken**",
            "Dr. Kai Zwicker, Landrat");
    }

    [Fact]
    public void Neuss2013_returned_unsigned_by_MAIS_says_when_and_why()
    {
        var markdown = AgreementRenderer.Markdown(Rendered(SeedAgreements.Neuss2013));

        AssertLinesInOrder(markdown,
            "# Gemeinsame Vereinbarung",
            "zwischen dem",
            "**Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen**",
            "sowie der",
            "**Regionaldirektion Nordrhein-Westfalen der Bundesagentur für Arbeit**",
            "> **Zurückgesandt am 05.07.2013 ohne Unterschrift** vom Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen: " + SeedAgreements.NeussReturnReason,
            "## Zielgruppen",
            "- Frauen, insbesondere Mütter und Alleinerziehende",
            "Zur Kenntnis genommen: Sozial- und Gesundheitsausschuss des Rhein-Kreises Neuss (Rhein-Kreis Neuss) am 11.09.2013, Sitzungsvorlage-Nr. 50/2669/XV/2013",
            "**Für das Ministerium für Arbeit, Integration und Soziales des Landes Nordrhein-Westfalen**",
            "(ohne Unterschrift zurückgesandt am 05.07.2013)",
            "Neuss, den 03.06.2013",
            "**Für den Rhein-Kreis Neuss**");
    }

    [Fact]
    public void Unna2012_marks_the_local_goals_of_the_Kreis_and_the_request_for_them()
    {
        var markdown = AgreementRenderer.Markdown(Rendered(SeedAgreements.Unna2012));

        AssertLinesInOrder(markdown,
            "> **Entwurf** – in Verhandlung",
            ">",
            "> Lokale Ziele angefordert vom Kreis Unna am 19.12.2011 bis zum 31.01.2012, ergänzt am 27.01.2012",
            "### Landesziel: Kommunale Eingliederungsleistungen",
            "### Lokales Ziel: Integration Jugendlicher unter 25 Jahren",
            "*Lokales Ziel, eingebracht vom Kreis Unna am 27.01.2012*",
            "### Lokales Ziel: Kommunale Eingliederungsleistungen nach § 16a SGB II",
            "*Lokales Ziel, eingebracht vom Kreis Unna am 27.01.2012*");
        var stateGoal = markdown.IndexOf("### Landesziel", StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("*Lokales Ziel", StringComparison.Ordinal) > stateGoal, "the state goal is not marked local");
    }

    [Fact]
    public void Text_of_an_agreement_cannot_inject_HTML_links_or_Markdown()
    {
        var agreement = Rendered(SeedAgreements.Borken2018, steps: 1);
        const string Script = "<script>alert('x')</script>";
        var content = agreement.Edition.Content;
        content.Title = "Vereinbarung " + Script;
        content.Preamble = "<img src=x onerror=alert(1)>\n\n[klick](javascript:alert(1)) und **fett** &lt;b&gt;\n\n# keine Überschrift\n\n1. keine Liste\n\n    kein Code\n\n- Punkt <b>x</b>\n---";
        content.Goals[0].Heading = "I. <iframe src=\"https://example.org\"></iframe>";
        content.Goals[1].Targets[0].Wording = "![bild](https://example.org/x.png) <https://example.org>";
        agreement.Parties[1].Designation = "<em>als Träger</em>";
        content.Sections.Add(new Section { Heading = "<h1>Abschnitt</h1>", Text = "| a | b |\n|---|---|\n| c | d |" });

        var html = AgreementRenderer.Html(agreement);

        foreach (var tag in new[] { "<script", "<img", "<iframe", "<em>", "<b>", "<a ", "href=", "<code>", "<pre>", "<table>", "<hr", "<h1>Abschnitt", "<h1>keine", "<ol>" })
        {
            Assert.DoesNotContain(tag, html);
        }

        Assert.Contains("&lt;script&gt;alert('x')&lt;/script&gt;", html);
        Assert.Contains("[klick](javascript:alert(1)) und **fett** &amp;lt;b&amp;gt;", html);
        Assert.Contains("<p># keine Überschrift</p>", html);
        Assert.Contains("<p>1. keine Liste</p>", html);
        Assert.Contains("<li>Punkt &lt;b&gt;x&lt;/b&gt;</li>", html);
        Assert.Contains("<title>Vereinbarung &lt;script&gt;", html);
        Assert.Contains("<h3>I. &lt;iframe src=\"https://example.org\"&gt;&lt;/iframe&gt;</h3>", html.Replace("&quot;", "\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2.1", true, "+2,1")]
    [InlineData("-0.4", true, "-0,4")]
    [InlineData("0.0", true, "0,0")]
    [InlineData("4.0", false, "4,0")]
    [InlineData("35", false, "35")]
    [InlineData("10785", false, "10.785")]
    public void Values_are_written_with_a_German_decimal_comma_and_their_decimals_as_agreed(string value, bool signed, string expected) =>
        Assert.Equal(expected, GermanText.Decimal(value, signed));

    [Theory]
    [InlineData(36_349_266_600L, "363.492.666 Euro")]
    [InlineData(32_121_593_400L, "321.215.934 Euro")]
    [InlineData(150L, "1,50 Euro")]
    public void Budget_figures_are_in_Euro_with_German_thousands_separators(long cents, string expected) =>
        Assert.Equal(expected, GermanText.Euro(cents));

    [Theory]
    [InlineData("2018-02-22", "22.02.2018")]
    [InlineData("2016-10-14", "14.10.2016")]
    public void Dates_are_in_German_form(string iso, string expected) => Assert.Equal(expected, GermanText.Date(iso));

    [Theory]
    [InlineData("Kreis Borken", "der", "dem", "den")]
    [InlineData("Rhein-Kreis Neuss", "der", "dem", "den")]
    [InlineData("Märkischer Kreis", "der", "dem", "den")]
    [InlineData("Stadt Essen", "die", "der", "die")]
    [InlineData("StädteRegion Aachen", "die", "der", "die")]
    [InlineData("Bundesagentur für Arbeit", "die", "der", "die")]
    [InlineData("Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen", "das", "dem", "das")]
    [InlineData("Jobcenter Kreis Borken", "das", "dem", "das")]
    public void Parties_get_the_article_of_their_head_noun(string name, string nominative, string dative, string accusative)
    {
        Assert.Equal(nominative, GermanText.Nominative(name));
        Assert.Equal(dative, GermanText.Dative(name));
        Assert.Equal(accusative, GermanText.Accusative(name));
    }

    /// <summary>Each expected line occurs as a whole line of the text, after the one before it.</summary>
    private static void AssertLinesInOrder(string text, params string[] expected)
    {
        var lines = text.Split('\n');
        var at = -1;
        foreach (var line in expected)
        {
            var found = Array.FindIndex(lines, at + 1, l => l == line);
            Assert.True(found > at, $"line not found after line {at + 1}: \"{line}\"\n--- rendered ---\n{text}");
            at = found;
        }
    }
}
