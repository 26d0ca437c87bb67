using System.Globalization;
using Kpi.Ingestion.API.Deliveries;
using Kpi.Ingestion.API.Infrastructure;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Reads;
using Grpc.Core;
using Zielsteuerung.Authorization;
using Zielsteuerung.Authorization.Access;
using Zielsteuerung.Kpi.V1;

namespace Kpi.Ingestion.API.Grpc;

/// <summary>
/// zielsteuerung.kpi.v1.Kpi: checks paging and ids, takes the caller from the token, and lets
/// <see cref="DeliveryIntake"/> (deliveries) and <see cref="KpiQueries"/> (reads) do the work; refusals are mapped by
/// <see cref="KpiErrorInterceptor"/>.
/// </summary>
internal sealed class KpiService : Zielsteuerung.Kpi.V1.Kpi.KpiBase
{
    /// <summary>Delivering and declaring indicators need kpi.deliver (BA Statistik); every read kpi.read. The figures are statistics: no party scoping.</summary>
    public static ServiceAccess Access { get; } = ServiceAccess.For(Zielsteuerung.Kpi.V1.Kpi.Descriptor, rules => rules
        .Allow(Scopes.KpiDeliver, "Deliver", "DeclareLocalIndicator")
        .Allow(Scopes.KpiRead, "GetCatalogue", "GetDelivery", "ListDeliveries", "GetSeries", "GetValue", "GetSteeringValues", "ComparePublished"));

    public override Task<Catalogue> GetCatalogue(GetCatalogueRequest request, ServerCallContext context) =>
        Task.FromResult(Service<KpiQueries>(context).Catalogue());

    public override async Task<LocalIndicator> DeclareLocalIndicator(DeclareLocalIndicatorRequest request, ServerCallContext context) =>
        LocalIndicators.View(await Service<LocalIndicators>(context).DeclareAsync(request, context.CancellationToken));

    public override Task<DeliveryReport> Deliver(IAsyncStreamReader<DeliverRequest> requestStream, ServerCallContext context) =>
        Service<DeliveryIntake>(context).TakeAsync(requestStream, context.GetCaller(), context.CancellationToken);

    public override async Task<DeliveryReport> GetDelivery(GetDeliveryRequest request, ServerCallContext context)
    {
        if (!DeliveryIds.TryParse(request.DeliveryId, out var sequence))
        {
            throw new InvalidRequestException("delivery_id", $"'{request.DeliveryId}' is not a delivery id (e.g. \"dlv-000042\").");
        }

        var size = PageSize(request.ErrorsPageSize, DeliveryReports.DefaultErrorsPage, DeliveryReports.MaxErrorsPage, "errors_page_size");
        var from = Offset(request.ErrorsPageToken, "errors_page_token");
        var reports = Service<DeliveryReports>(context);
        var delivery = await reports.FindAsync(sequence, context.CancellationToken)
            ?? throw new NotFoundException("zielsteuerung.kpi.v1.DeliveryReport", request.DeliveryId, $"there is no delivery {request.DeliveryId}.");
        return await reports.ReportAsync(delivery, size, from, context.CancellationToken);
    }

    public override async Task<ListDeliveriesResponse> ListDeliveries(ListDeliveriesRequest request, ServerCallContext context)
    {
        var size = PageSize(request.PageSize, 50, 200, "page_size");
        long? before = null;
        if (request.PageToken.Length > 0)
        {
            before = DeliveryIds.TryParse(request.PageToken, out var sequence)
                ? sequence
                : throw new InvalidRequestException("page_token", "not a page token of this list: pass next_page_token unchanged.");
        }

        var (deliveries, next) = await Service<DeliveryReports>(context).ListAsync(before, size, context.CancellationToken);
        var response = new ListDeliveriesResponse { NextPageToken = next is { } n ? DeliveryIds.Format(n) : "" };
        response.Deliveries.AddRange(deliveries.Select(DeliveryReports.Summary));
        return response;
    }

    public override Task<Series> GetSeries(GetSeriesRequest request, ServerCallContext context) =>
        Service<KpiQueries>(context).SeriesAsync(request, context.CancellationToken);

    public override Task<Point> GetValue(GetValueRequest request, ServerCallContext context) =>
        Service<KpiQueries>(context).ValueAsync(request, context.CancellationToken);

    public override Task<SteeringValues> GetSteeringValues(GetSteeringValuesRequest request, ServerCallContext context) =>
        Service<KpiQueries>(context).SteeringAsync(request, context.CancellationToken);

    public override Task<ComparePublishedResponse> ComparePublished(ComparePublishedRequest request, ServerCallContext context) =>
        Service<KpiQueries>(context).CompareAsync(request, PageSize(request.PageSize, 200, 1000, "page_size"), Offset(request.PageToken, "page_token"), context.CancellationToken);

    private static T Service<T>(ServerCallContext context) where T : notnull =>
        context.GetHttpContext().RequestServices.GetRequiredService<T>();

    private static int PageSize(int requested, int fallback, int max, string field) => requested switch
    {
        0 => fallback,
        < 0 => throw new InvalidRequestException(field, $"must be 1…{max}."),
        _ => Math.Min(requested, max),
    };

    private static int Offset(string token, string field) => token.Length == 0
        ? 0
        : int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw new InvalidRequestException(field, "not a page token of this list: pass the next page token unchanged.");
}
