namespace Monitoring.Reporting;

/// <summary>The footer's method note: how the report's numbers are derived (docs/monitoring-attainment.md, in short).</summary>
internal static class MethodNote
{
    public static IReadOnlyList<string> Paragraphs { get; } =
    [
        "Steuerungswerte: Kennzahlen nach § 48a SGB II als Jahresfortschrittswert (JFW: Integrationen seit Januar je " +
        "durchschnittlichem Bestand Dezember des Vorjahres bis Vormonat), Bestände als Jahresdurchschnittswert (JDW) oder Monatswert, " +
        "Zugänge wie Integrationen als Summe seit Jahresbeginn. Veränderung = (Wert ÷ Vorjahreswert im selben Monat − 1) × 100.",
        "Abstand: gemessene Veränderung minus vereinbarte Veränderung in Prozentpunkten (Pp.), bei Niveauzielen Wert minus Zielwert; " +
        "positiv heißt über dem Ziel.",
        "Prognose des Dezemberwerts: Wert des Berichtsmonats × Median der Verhältnisse Dezember ÷ Berichtsmonat in bis zu fünf " +
        "Vorjahren; die Spanne reicht vom kleinsten bis zum größten dieser Verhältnisse. Sie beschreibt den bisherigen " +
        "Saisonverlauf, kein statistisches Konfidenzintervall.",
        "Status bis November: „auf Kurs“, wenn auch das ungünstige Ende der Spanne das Ziel erreicht (ggf. mit der vereinbarten " +
        "Toleranz); „nicht auf Kurs“, wenn selbst das günstige Ende es verfehlt; sonst „gefährdet“. Ohne Vorjahresmuster wird der " +
        "aktuelle Wert selbst verglichen. Im Dezember „erreicht“ oder „verfehlt“ nach exaktem Vergleich ohne Toleranz. " +
        "„Keine Daten“: Wert oder Vorjahreswert fehlt; Beobachtungsgrößen und qualitative Ziele werden nicht bewertet.",
        "Zielpfad in den Grafiken: bei relativen Zielen der Vorjahreswert desselben Monats × (1 + Zielwert ÷ 100), bei Niveauzielen " +
        "der Zielwert; maßgeblich ist allein der Dezember.",
        "Alle Werte werden exakt (als Brüche) berechnet und erst für die Darstellung kaufmännisch gerundet.",
    ];
}
