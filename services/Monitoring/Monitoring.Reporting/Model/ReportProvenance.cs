using Monitoring.Attainment;

namespace Monitoring.Reporting;

public static class ReportProvenance
{
    /// <summary>
    /// One provenance for a report from its targets' results: their common agreement id and version, and every KPI
    /// delivery any of them used, each once, in the order first met.
    /// </summary>
    /// <exception cref="ArgumentException">No results, or results of different agreements or agreement versions.</exception>
    public static Provenance Of(IEnumerable<AttainmentResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var provenances = results.Select(r => r.Provenance).ToList();
        if (provenances.Count == 0)
        {
            throw new ArgumentException("A report's provenance needs at least one result.", nameof(results));
        }

        var first = provenances[0];
        if (provenances.FirstOrDefault(p => p.AgreementId != first.AgreementId || p.AgreementVersion != first.AgreementVersion) is { } other)
        {
            throw new ArgumentException(
                $"The results come from different agreement versions ({first.AgreementId} v{first.AgreementVersion}, " +
                $"{other.AgreementId} v{other.AgreementVersion}): one report shows one.", nameof(results));
        }

        return new Provenance(first.AgreementId, first.AgreementVersion, provenances.SelectMany(p => p.KpiDeliveryIds).Distinct().ToList());
    }
}
