using Zielsteuerung.ServiceDefaults;
using System.Text;
using PartyRegistry.API.Application;
using PartyRegistry.API.Caching;
using PartyRegistry.API.Import;
using PartyRegistry.API.Infrastructure;
using PartyRegistry.API.Model;
using Grpc.Core;
using Zielsteuerung.Authorization;
using Zielsteuerung.Authorization.Access;
using Zielsteuerung.Parties.V1;

namespace PartyRegistry.API.Grpc;

/// <summary>
/// zielsteuerung.parties.v1.PartyRegistry: checks and translates requests, the <see cref="Registry"/> does the work,
/// <see cref="RegistryErrorInterceptor"/> maps its refusals to statuses.
/// </summary>
/// <remarks>
/// A singleton: a GetParty answered from the in-process cache creates nothing. The scoped <see cref="Registry"/>
/// (and with it the DbContext) is taken from the call's request services only when a call needs it.
/// </remarks>
internal sealed class PartyRegistryService(PartyCache cache, GermanClock clock) : Zielsteuerung.Parties.V1.PartyRegistry.PartyRegistryBase
{
    public const int MaxImportBytes = 4 * 1024 * 1024;

    /// <summary>Reads need parties.read, writes parties.write; the registry is shared reference data, open to any party.</summary>
    public static ServiceAccess Access { get; } = ServiceAccess.For(Zielsteuerung.Parties.V1.PartyRegistry.Descriptor, rules => rules
        .Allow(Scopes.PartiesRead, "GetParty", "GetPartyByAgs", "SearchParties", "ListParties", "ListGroupMembers", "ListPartyHistory")
        .Allow(Scopes.PartiesWrite, "RegisterParty", "RecordChange", "ImportParties"));
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private const int MaxGroupSize = 10_000;

    /// <summary>The hot path: a completed task straight from the in-process cache, else Redis, else PostgreSQL.</summary>
    public override Task<Party> GetParty(GetPartyRequest request, ServerCallContext context)
    {
        var id = RequiredId(request.Id, "id");
        var asOf = AsOf(request.AsOf);
        return cache.TryGetLocal(id, asOf, out var cached) ? cached : LoadAsync(id, asOf, context);

        async Task<Party> LoadAsync(string id, DateOnly asOf, ServerCallContext context)
        {
            var generation = cache.Generation;
            var party = PartyMapper.ToMessage(await Registry(context).GetAsync(id, asOf, context.CancellationToken));
            cache.SetLocal(id, asOf, party, generation);
            return party;
        }
    }

    public override async Task<Party> GetPartyByAgs(GetPartyByAgsRequest request, ServerCallContext context)
    {
        if (!Tokens.IsWellFormedAgs(request.Ags))
        {
            throw RuleViolationException.Invalid("ags", $"'{request.Ags}' is not a regional key (AGS).");
        }

        var kind = PartyMapper.FromMessage(request.Kind)
            ?? throw RuleViolationException.Invalid("kind", "required: an AGS names a Kreis's municipal carrier and its jobcenter alike.");
        var party = await Registry(context).GetByAgsAsync(kind, request.Ags, AsOf(request.AsOf), context.CancellationToken);
        return PartyMapper.ToMessage(party);
    }

    public override async Task<SearchPartiesResponse> SearchParties(SearchPartiesRequest request, ServerCallContext context)
    {
        var fragment = request.NameFragment.Trim();
        if (fragment.Length < 2)
        {
            throw RuleViolationException.Invalid("name_fragment", "at least 2 characters.");
        }

        var max = Limit(request.MaxResults, 20, 100, "max_results");
        var parties = await Registry(context).QueryAsync(new PartyQuery(AsOf(request.AsOf), NameFragment: fragment), null, max, context.CancellationToken);
        return new SearchPartiesResponse { Parties = { parties.Select(PartyMapper.ToMessage) } };
    }

    public override async Task<ListPartiesResponse> ListParties(ListPartiesRequest request, ServerCallContext context)
    {
        var size = Limit(request.PageSize, DefaultPageSize, MaxPageSize, "page_size");
        var query = Query(request.Filter, AsOf(request.AsOf), "filter");
        var after = request.PageToken.Length == 0 ? null : DecodeToken(request.PageToken);
        var parties = await Registry(context).QueryAsync(query, after, size + 1, context.CancellationToken);
        var response = new ListPartiesResponse { Parties = { parties.Take(size).Select(PartyMapper.ToMessage) } };
        if (parties.Count > size)
        {
            response.NextPageToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(parties[size - 1].Id));
        }

        return response;
    }

    public override async Task<ListGroupMembersResponse> ListGroupMembers(ListGroupMembersRequest request, ServerCallContext context)
    {
        var asOf = AsOf(request.AsOf);
        var members = await Registry(context).QueryAsync(Query(request.Group, asOf, "group"), null, MaxGroupSize, context.CancellationToken);
        return new ListGroupMembersResponse
        {
            AsOf = IsoDate.Format(asOf),
            Members = { members.Select(m => new PartyRef { Id = m.Id, Name = m.Name, Ags = m.Ags }) },
        };
    }

    public override async Task<Party> RegisterParty(RegisterPartyRequest request, ServerCallContext context)
    {
        var id = RequiredId(request.Id, "id");
        var kind = PartyMapper.FromMessage(request.Kind) ?? throw RuleViolationException.Invalid("kind", "required.");
        var validFrom = Date(request.ValidFrom, "valid_from", required: true)!.Value;
        var record = new PartyRecord(id, kind, validFrom);
        void Set(string field, string value)
        {
            if (value.Length > 0)
            {
                record.Field(field).Set(value, validFrom);
            }
        }

        Set(Tokens.Name, request.Name);
        Set(Tokens.ShortName, request.ShortName);
        Set(Tokens.Ags, request.Ags);
        Set(Tokens.State, request.State.Length > 0 ? request.State : Tokens.StateOfAgs(request.Ags) ?? "");
        if (request.Form != Zielsteuerung.Parties.V1.JobcenterForm.Unspecified)
        {
            Set(Tokens.Form, (PartyMapper.FromMessage(request.Form) ?? throw RuleViolationException.Invalid("form", "unknown form.")).ToToken());
        }

        Set(Tokens.Vergleichstyp, request.Vergleichstyp);
        for (var i = 0; i < request.Relations.Count; i++)
        {
            var relation = request.Relations[i];
            var path = $"relations[{i}]";
            var relationKind = PartyMapper.FromMessage(relation.Kind) ?? throw RuleViolationException.Invalid(path + ".kind", "required.");
            var from = Date(relation.ValidFrom, path + ".valid_from") ?? validFrom;
            record.Field(relationKind.ToField()).Add(new Segment(RequiredId(relation.PartyId, path + ".party_id"), from, Date(relation.ValidTo, path + ".valid_to")));
        }

        for (var i = 0; i < request.Representatives.Count; i++)
        {
            var representative = request.Representatives[i];
            var path = $"representatives[{i}]";
            if (representative.Role.Length == 0 || representative.Name.Length == 0)
            {
                throw RuleViolationException.Invalid(path, "role and name are required.");
            }

            var from = Date(representative.ValidFrom, path + ".valid_from") ?? validFrom;
            record.Field(Tokens.RepresentativeField(representative.Role))
                .Add(new Segment(representative.Name, from, Date(representative.ValidTo, path + ".valid_to")));
        }

        var registered = await Registry(context).RegisterAsync(record, context.GetCaller().RecordedBy, context.CancellationToken);
        return PartyMapper.ToMessage(registered.At(registered.ValidFrom)!);
    }

    public override async Task<Party> RecordChange(RecordChangeRequest request, ServerCallContext context)
    {
        var id = RequiredId(request.PartyId, "party_id");
        if (request.ExpectedVersion < 1)
        {
            throw RuleViolationException.Invalid("expected_version", "required: the version of the party this change is based on.");
        }

        var effective = Date(request.EffectiveDate, "effective_date", required: true)!.Value;
        var values = new List<KeyValuePair<string, string?>>();
        void Put(string field, string? value) => values.Add(new(field, value));
        if (request.HasName)
        {
            Put(Tokens.Name, request.Name);
        }

        if (request.HasShortName)
        {
            Put(Tokens.ShortName, Empty(request.ShortName));
        }

        if (request.HasAgs)
        {
            Put(Tokens.Ags, Empty(request.Ags));
        }

        if (request.HasState)
        {
            Put(Tokens.State, Empty(request.State));
        }

        if (request.HasForm)
        {
            Put(Tokens.Form, (PartyMapper.FromMessage(request.Form) ?? throw RuleViolationException.Invalid("form", "gE or zkT.")).ToToken());
        }

        if (request.HasVergleichstyp)
        {
            Put(Tokens.Vergleichstyp, Empty(request.Vergleichstyp));
        }

        for (var i = 0; i < request.Relations.Count; i++)
        {
            var relation = request.Relations[i];
            var kind = PartyMapper.FromMessage(relation.Kind) ?? throw RuleViolationException.Invalid($"relations[{i}].kind", "required.");
            Put(kind.ToField(), relation.PartyId.Length == 0 ? null : RequiredId(relation.PartyId, $"relations[{i}].party_id"));
        }

        for (var i = 0; i < request.Representatives.Count; i++)
        {
            var representative = request.Representatives[i];
            if (representative.Role.Length == 0)
            {
                throw RuleViolationException.Invalid($"representatives[{i}].role", "required.");
            }

            Put(Tokens.RepresentativeField(representative.Role), Empty(representative.Name));
        }

        var record = await Registry(context).RecordChangeAsync(
            id, request.ExpectedVersion, new PartyChange(effective, values, request.Dissolve), context.GetCaller().RecordedBy, request.Reason,
            context.CancellationToken);
        var asOf = record.ExistsOn(effective) ? effective : effective.AddDays(-1);
        return PartyMapper.ToMessage(record.At(asOf)!);
    }

    public override async Task<PartyHistory> ListPartyHistory(ListPartyHistoryRequest request, ServerCallContext context)
    {
        var (record, changes) = await Registry(context).HistoryAsync(RequiredId(request.Id, "id"), context.CancellationToken);
        return PartyMapper.ToHistory(record, changes);
    }

    public override async Task<ImportPartiesResponse> ImportParties(ImportPartiesRequest request, ServerCallContext context)
    {
        if (request.Content.Length > MaxImportBytes)
        {
            throw RuleViolationException.Invalid("content", $"{request.Content.Length} bytes; at most {MaxImportBytes} per import.");
        }

        var validFrom = Date(request.ValidFrom, "valid_from", required: true)!.Value;
        string content;
        try
        {
            content = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(request.Content.Span);
        }
        catch (DecoderFallbackException)
        {
            throw RuleViolationException.Invalid("content", "not UTF-8.");
        }

        var (parties, errors) = PartyFile.Parse(content, validFrom);
        if (errors.Count > 0)
        {
            throw new ImportRejectedException(errors);
        }

        var result = await Registry(context).ImportAsync(parties, context.GetCaller().RecordedBy, skipExisting: false, context.CancellationToken);
        return new ImportPartiesResponse
        {
            Registered = result.Registered.Count,
            Unchanged = result.Unchanged,
            RegisteredIds = { result.Registered },
        };
    }

    private static Registry Registry(ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<Registry>();

    private DateOnly AsOf(string text) => Date(text, "as_of") ?? clock.Today();

    private static PartyQuery Query(PartyFilter? filter, DateOnly asOf, string path)
    {
        filter ??= new PartyFilter();
        if (filter.State.Length > 0 && !Tokens.States.Contains(filter.State))
        {
            throw RuleViolationException.Invalid(path + ".state", $"'{filter.State}' is not an ISO 3166-2 state code (DE-NW, …).");
        }

        if (filter.Vergleichstyp.Length > 0 && !Tokens.Vergleichstypen.Contains(filter.Vergleichstyp))
        {
            throw RuleViolationException.Invalid(path + ".vergleichstyp", $"'{filter.Vergleichstyp}' is not a Vergleichstyp (Ia … IIIe).");
        }

        return new PartyQuery(
            asOf,
            Kind: PartyMapper.FromMessage(filter.Kind),
            State: Empty(filter.State),
            Form: PartyMapper.FromMessage(filter.Form),
            Vergleichstyp: Empty(filter.Vergleichstyp),
            RelatedPartyId: filter.RelatedPartyId.Length == 0 ? null : RequiredId(filter.RelatedPartyId, path + ".related_party_id"));
    }

    private static string RequiredId(string id, string field) => Tokens.IsWellFormedId(id)
        ? id
        : throw RuleViolationException.Invalid(field, id.Length == 0 ? "required." : $"'{id}' is not a party id (lower-case letters, digits, '-').");

    private static DateOnly? Date(string text, string field, bool required = false)
    {
        if (text.Length == 0)
        {
            return required ? throw RuleViolationException.Invalid(field, "required (yyyy-MM-dd).") : null;
        }

        return IsoDate.TryParse(text, out var date) ? date : throw RuleViolationException.Invalid(field, $"'{text}' is not a date (yyyy-MM-dd).");
    }

    private static int Limit(int requested, int fallback, int max, string field) => requested switch
    {
        0 => fallback,
        < 0 => throw RuleViolationException.Invalid(field, "must not be negative."),
        _ => Math.Min(requested, max),
    };

    private static string DecodeToken(string token)
    {
        try
        {
            var id = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return Tokens.IsWellFormedId(id) ? id : throw new FormatException();
        }
        catch (FormatException)
        {
            throw RuleViolationException.Invalid("page_token", "not a token of this service.");
        }
    }

    private static string? Empty(string value) => value.Length == 0 ? null : value;
}
