using System.Text.RegularExpressions;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Seeds;

/// <summary>
/// A seed agreement: its draft (as <see cref="CreateDraftRequest"/> without an agreement id) and the later steps in
/// the order they happened, with the outcome the seed document records.
/// </summary>
public sealed partial class SeedAgreement(
    string name,
    string label,
    string draftingClientId,
    Func<CreateDraftRequest> draft,
    IReadOnlyList<SeedStep> steps,
    AgreementStatus expectedStatus,
    string expectedInForceOn = "")
{
    public string Name { get; } = name;

    /// <summary>For people: "Borken 2018", "BMAS–NRW 2016".</summary>
    public string Label { get; } = label;

    /// <summary>The label as an id part: "borken-2018", "bmas-nrw-2016".</summary>
    public string Key { get; } = NotIdCharacters().Replace(label.ToLowerInvariant(), "-").Trim('-');

    /// <summary>The development client that creates the draft (it acts for the drafting party).</summary>
    public string DraftingClientId { get; } = draftingClientId;

    /// <summary>A fresh copy on every read: tests may change it.</summary>
    public CreateDraftRequest Draft => draft();

    public IReadOnlyList<SeedStep> Steps { get; } = steps;

    public IEnumerable<SignStep> Signatures => Steps.OfType<SignStep>();

    /// <summary>Every development client a replay acts as: the drafting client and those of the steps.</summary>
    public IEnumerable<string> ClientIds => Steps.Select(s => s.ClientId).Prepend(DraftingClientId).Distinct(StringComparer.Ordinal);

    /// <summary>The status of edition 1 after all steps.</summary>
    public AgreementStatus ExpectedStatus { get; } = expectedStatus;

    public string ExpectedInForceOn { get; } = expectedInForceOn;

    public override string ToString() => Name;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotIdCharacters();
}
