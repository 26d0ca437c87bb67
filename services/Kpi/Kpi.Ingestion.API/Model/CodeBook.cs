using System.Collections.Frozen;
using Kpi.Computation;

namespace Kpi.Ingestion.API.Model;

internal enum CodeKind { Quantity, Figure, Local }

/// <summary>A code a delivery row may carry, with the small number it is stored under.</summary>
internal sealed record CodeInfo(short Id, string Code, CodeKind Kind, QuantityDefinition? Quantity, FigureDefinition? Figure, LocalIndicatorRow? Local)
{
    public bool BySex => Quantity?.BySex ?? true;
}

/// <summary>
/// The codes of the catalogue and of the declared local indicators, and their storage ids. The catalogue's ids are
/// fixed here (never reuse or renumber one: stored values carry them); local indicators get theirs from the database.
/// </summary>
internal sealed class CodeBook
{
    private static readonly FrozenDictionary<string, short> CatalogueIds = new Dictionary<string, short>
    {
        ["elb_stock"] = 1, ["elb_intakes"] = 2, ["elb_exits"] = 3, ["integrations"] = 4, ["integrations_single_parents"] = 5,
        ["integrations_lzb"] = 6, ["single_parents_stock"] = 7, ["lzb_stock"] = 8, ["lzb_intakes"] = 9, ["lzb_exits"] = 10,
        ["lzb_in_measures"] = 11, ["living_cost_benefits"] = 12, ["housing_benefits"] = 13, ["entries_marginal_employment"] = 14,
        ["entries_funded_employment"] = 15, ["continued_employments"] = 16,
        ["K1"] = 101, ["K1E1"] = 102, ["K1E2"] = 103, ["K1E3"] = 104, ["K1E4"] = 105, ["K2"] = 106, ["K2E1"] = 107, ["K2E2"] = 108,
        ["K2E3"] = 109, ["K2E4"] = 110, ["K3"] = 111, ["K3E1"] = 112, ["K3E2"] = 113, ["K3E3"] = 114, ["K3E4"] = 115,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, CodeInfo> Catalogue = BuildCatalogue();

    private volatile Snapshot _current = new(Catalogue, Catalogue.Values.ToFrozenDictionary(c => c.Id));

    public bool TryGet(string code, out CodeInfo info) => _current.ByCode.TryGetValue(code, out info!);

    public CodeInfo? ById(short id) => _current.ById.GetValueOrDefault(id);

    public static short IdOf(string catalogueCode) => CatalogueIds[catalogueCode];

    public IEnumerable<CodeInfo> Locals => _current.ByCode.Values.Where(c => c.Kind == CodeKind.Local);

    /// <summary>Replaces the local indicators with <paramref name="locals"/> (as read from the database).</summary>
    public void SetLocals(IEnumerable<LocalIndicatorRow> locals)
    {
        var byCode = new Dictionary<string, CodeInfo>(Catalogue, StringComparer.Ordinal);
        foreach (var local in locals)
        {
            byCode[local.Code] = new CodeInfo(local.Id, local.Code, CodeKind.Local, null, null, local);
        }

        _current = new Snapshot(byCode.ToFrozenDictionary(StringComparer.Ordinal), byCode.Values.ToFrozenDictionary(c => c.Id));
    }

    private static FrozenDictionary<string, CodeInfo> BuildCatalogue()
    {
        var codes = new Dictionary<string, CodeInfo>(StringComparer.Ordinal);
        foreach (var quantity in KpiCatalogue.Quantities)
        {
            codes[quantity.Code] = new CodeInfo(Id(quantity.Code), quantity.Code, CodeKind.Quantity, quantity, null, null);
        }

        foreach (var figure in KpiCatalogue.Figures)
        {
            codes[figure.Id] = new CodeInfo(Id(figure.Id), figure.Id, CodeKind.Figure, null, figure, null);
        }

        return codes.ToFrozenDictionary(StringComparer.Ordinal);

        static short Id(string code) => CatalogueIds.TryGetValue(code, out var id)
            ? id
            : throw new InvalidOperationException($"catalogue code '{code}' has no storage id in CodeBook: add one (never reuse a number).");
    }

    private sealed record Snapshot(FrozenDictionary<string, CodeInfo> ByCode, FrozenDictionary<short, CodeInfo> ById);
}
