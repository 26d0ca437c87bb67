using Kpi.DataGenerator;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Tests.Integration;

/// <summary>
/// The generator's published figures (its own reading of the Verordnung, as BA Statistik would publish them) against
/// the service's computation from the same generated quantities: two independent implementations that must agree.
/// </summary>
[Collection(KpiCollection.Name)]
public sealed class PublishedCrossCheckTests(KpiFixture fixture)
{
    [Fact]
    public async Task The_generated_published_figures_agree_with_the_computed_ones()
    {
        // Rhein-Sieg (05382), 2016–2017: published figures from 2017-01, once twelve months of history precede them.
        var generated = new KpiDataGenerator(new GeneratorOptions { Jobcenters = ["05382"], From = "2016-01", To = "2017-12", Published = true });
        var report = await Deliveries.SendAsync(fixture.Statistik, generated.Rows().Select(r => r.ToDeliveryRow()), DeliveryMode.AllOrNothing, chunk: 2000);
        Assert.Equal(DeliveryState.Stored, report.State);

        var compared = 0L;
        var differences = new List<FigureDifference>();
        var token = "";
        do
        {
            var page = await fixture.Reader.ComparePublishedAsync(new ComparePublishedRequest
            {
                JobcenterId = "jc-05382", FromMonth = "2017-01", ToMonth = "2017-12", PageSize = 1000, PageToken = token,
            });
            compared += page.Compared;
            differences.AddRange(page.Differences);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        // 12 months × (13 figures by 3 sexes + K1 and K1E1 in total), final basis.
        Assert.Equal(12 * (13 * 3 + 2), compared);
        Assert.True(differences.Count == 0, string.Join("; ", differences.Take(5).Select(d => $"{d.Figure} {d.Month} {d.Sex}: published {d.Published}, computed {d.Computed} ({d.ComputedExact}), other rule {d.ComputedOtherRule}")));
    }
}
