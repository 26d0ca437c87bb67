using System.Globalization;
using PartyRegistry.API.Model;
using Contract = Zielsteuerung.Parties.V1;

namespace PartyRegistry.API.Grpc;

/// <summary>Between the domain model and the contract (zielsteuerung.parties.v1).</summary>
internal static class PartyMapper
{
    /// <summary>The pseudo-field of a party's existence in <see cref="Contract.PartyHistory"/>.</summary>
    public const string ExistsField = "exists";

    public static Contract.Party ToMessage(PartySnapshot party)
    {
        var message = new Contract.Party
        {
            Id = party.Id,
            Kind = ToMessage(party.Kind),
            Name = party.Name,
            ShortName = party.ShortName,
            Ags = party.Ags,
            State = party.State,
            Form = party.Form switch
            {
                JobcenterForm.GE => Contract.JobcenterForm.Ge,
                JobcenterForm.ZKT => Contract.JobcenterForm.Zkt,
                _ => Contract.JobcenterForm.Unspecified,
            },
            Vergleichstyp = party.Vergleichstyp,
            ValidFrom = IsoDate.Format(party.ValidFrom),
            ValidTo = IsoDate.Format(party.ValidTo),
            AsOf = IsoDate.Format(party.AsOf),
            Version = party.Version,
        };
        foreach (var relation in party.Relations)
        {
            message.Relations.Add(new Contract.Relation
            {
                Kind = ToMessage(relation.Kind),
                PartyId = relation.PartyId,
                ValidFrom = IsoDate.Format(relation.From),
                ValidTo = IsoDate.Format(relation.To),
            });
        }

        foreach (var representative in party.Representatives)
        {
            message.Representatives.Add(new Contract.Representative
            {
                Role = representative.Role,
                Name = representative.Name,
                ValidFrom = IsoDate.Format(representative.From),
                ValidTo = IsoDate.Format(representative.To),
            });
        }

        return message;
    }

    /// <summary>A party's periods (and, for ListPartyHistory, its change log); also the cache format of a party.</summary>
    public static Contract.PartyHistory ToHistory(PartyRecord record, IEnumerable<ChangeEntry> changes)
    {
        var history = new Contract.PartyHistory
        {
            Id = record.Id,
            Kind = ToMessage(record.Kind),
            Version = record.Version,
        };
        history.Periods.Add(new Contract.Period
        {
            Field = ExistsField,
            ValidFrom = IsoDate.Format(record.ValidFrom),
            ValidTo = IsoDate.Format(record.ValidTo),
        });
        foreach (var (field, timeline) in record.Fields)
        {
            foreach (var segment in timeline.Segments)
            {
                history.Periods.Add(new Contract.Period
                {
                    Field = field,
                    Value = segment.Value,
                    ValidFrom = IsoDate.Format(segment.From),
                    ValidTo = IsoDate.Format(segment.To),
                });
            }
        }

        foreach (var change in changes)
        {
            history.Changes.Add(new Contract.Change
            {
                Version = change.Version,
                EffectiveDate = IsoDate.Format(change.EffectiveDate),
                RecordedAt = change.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                RecordedBy = change.RecordedBy,
                Reason = change.Reason,
                ChangedFields = { change.ChangedFields },
            });
        }

        return history;
    }

    public static PartyRecord FromHistory(Contract.PartyHistory history)
    {
        var exists = history.Periods.Single(p => p.Field == ExistsField);
        var record = new PartyRecord(
            history.Id, FromMessage(history.Kind) ?? throw new InvalidDataException("cached party without kind"),
            ParseDate(exists.ValidFrom), ParseOptionalDate(exists.ValidTo), history.Version);
        foreach (var period in history.Periods)
        {
            if (period.Field != ExistsField)
            {
                record.Field(period.Field).Add(new Segment(period.Value, ParseDate(period.ValidFrom), ParseOptionalDate(period.ValidTo)));
            }
        }

        return record;
    }

    public static Contract.PartyKind ToMessage(PartyKind kind) => kind switch
    {
        PartyKind.FederalMinistry => Contract.PartyKind.FederalMinistry,
        PartyKind.StateMinistry => Contract.PartyKind.StateMinistry,
        PartyKind.FederalAgency => Contract.PartyKind.FederalAgency,
        PartyKind.RegionalDirectorate => Contract.PartyKind.RegionalDirectorate,
        PartyKind.EmploymentAgency => Contract.PartyKind.EmploymentAgency,
        PartyKind.MunicipalCarrier => Contract.PartyKind.MunicipalCarrier,
        PartyKind.Jobcenter => Contract.PartyKind.Jobcenter,
        PartyKind.Body => Contract.PartyKind.Body,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static PartyKind? FromMessage(Contract.PartyKind kind) => kind switch
    {
        Contract.PartyKind.FederalMinistry => PartyKind.FederalMinistry,
        Contract.PartyKind.StateMinistry => PartyKind.StateMinistry,
        Contract.PartyKind.FederalAgency => PartyKind.FederalAgency,
        Contract.PartyKind.RegionalDirectorate => PartyKind.RegionalDirectorate,
        Contract.PartyKind.EmploymentAgency => PartyKind.EmploymentAgency,
        Contract.PartyKind.MunicipalCarrier => PartyKind.MunicipalCarrier,
        Contract.PartyKind.Jobcenter => PartyKind.Jobcenter,
        Contract.PartyKind.Body => PartyKind.Body,
        _ => null,
    };

    public static JobcenterForm? FromMessage(Contract.JobcenterForm form) => form switch
    {
        Contract.JobcenterForm.Ge => JobcenterForm.GE,
        Contract.JobcenterForm.Zkt => JobcenterForm.ZKT,
        _ => null,
    };

    public static Contract.RelationKind ToMessage(RelationKind kind) => kind switch
    {
        RelationKind.Carrier => Contract.RelationKind.Carrier,
        RelationKind.PartnerAgency => Contract.RelationKind.PartnerAgency,
        RelationKind.Parent => Contract.RelationKind.Parent,
        RelationKind.Supervisor => Contract.RelationKind.Supervisor,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static RelationKind? FromMessage(Contract.RelationKind kind) => kind switch
    {
        Contract.RelationKind.Carrier => RelationKind.Carrier,
        Contract.RelationKind.PartnerAgency => RelationKind.PartnerAgency,
        Contract.RelationKind.Parent => RelationKind.Parent,
        Contract.RelationKind.Supervisor => RelationKind.Supervisor,
        _ => null,
    };

    private static DateOnly ParseDate(string text) =>
        IsoDate.TryParse(text, out var date) ? date : throw new InvalidDataException($"'{text}' is not a date.");

    private static DateOnly? ParseOptionalDate(string text) => text.Length == 0 ? null : ParseDate(text);
}
