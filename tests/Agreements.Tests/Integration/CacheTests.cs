using Aspire.Hosting.Testing;
using Google.Protobuf;
using Npgsql;
using Zielsteuerung.Agreements.V1;

namespace Agreements.Tests.Integration;

/// <summary>Reads come from the cache levels in front of PostgreSQL; writes stay guarded by the database's version.</summary>
[Collection(AgreementsCollection.Name)]
public sealed class CacheTests(AgreementsFixture fixture)
{
    [Fact]
    public async Task A_read_agreement_is_served_from_the_cache_not_the_database()
    {
        var mags = await fixture.As("mags-nrw");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id });

        // Change the stored record behind the service's back: a read that still shows the old title came from a cache.
        await using var connection = new NpgsqlConnection(await fixture.Topology.App.GetConnectionStringAsync("agreements-db"));
        await connection.OpenAsync();
        await using (var read = new NpgsqlCommand("SELECT snapshot FROM agreement_revisions WHERE agreement_id = $1", connection) { Parameters = { new() { Value = draft.Id } } })
        {
            var record = Agreements.API.Model.AgreementRecord.Parser.ParseFrom((byte[])(await read.ExecuteScalarAsync())!);
            record.Editions[0].Content.Title = "in der Datenbank geändert";
            await using var write = new NpgsqlCommand("UPDATE agreement_revisions SET snapshot = $2 WHERE agreement_id = $1", connection)
            {
                Parameters = { new() { Value = draft.Id }, new() { Value = record.ToByteArray() } },
            };
            Assert.Equal(1, await write.ExecuteNonQueryAsync());
        }

        var cached = await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id });
        Assert.Equal(draft.Edition.Content.Title, cached.Edition.Content.Title);
    }

    [Fact]
    public async Task A_write_through_the_service_is_read_back_at_once()
    {
        var mags = await fixture.As("mags-nrw");
        var draft = await mags.CreateDraftAsync(Drafts.Borken());
        await mags.GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id });

        await mags.ReviseDraftAsync(new ReviseDraftRequest { AgreementId = draft.Id, ExpectedVersion = 1, Content = Drafts.Content("Neue Fassung") });

        var read = await (await fixture.As("kt-05554")).GetAgreementAsync(new GetAgreementRequest { AgreementId = draft.Id });
        Assert.Equal(("Neue Fassung", 2L), (read.Edition.Content.Title, read.Version));
    }
}
