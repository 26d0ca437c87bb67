using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Integration;

/// <summary>Steps the tests repeat: an agreement signed by both parties of <see cref="Drafts.Borken"/>.</summary>
internal static class Steps
{
    public static async Task<Agreement> InForceAsync(AgreementsFixture fixture, CreateDraftRequest? request = null)
    {
        var draft = await (await fixture.As("mags-nrw")).CreateDraftAsync(request ?? Drafts.Borken());
        await (await fixture.As("kt-05554")).SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = draft.Version, Signatory = "Dr. Kai Zwicker", SignatoryRole = "Landrat", Place = "Borken", SignedOn = "2018-01-29",
        });
        return await (await fixture.As("mags-nrw")).SignAsync(new SignRequest
        {
            AgreementId = draft.Id, ExpectedVersion = draft.Version + 1, Signatory = "Dr. Edmund Heller", SignatoryRole = "Staatssekretär", Place = "Düsseldorf",
            SignedOn = "2018-02-22",
        });
    }
}
