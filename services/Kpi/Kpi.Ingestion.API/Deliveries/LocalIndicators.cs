using System.Text.RegularExpressions;
using Kpi.Ingestion.API.Infrastructure;
using Kpi.Ingestion.API.Model;
using Kpi.Ingestion.API.Registry;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zielsteuerung.Kpi.V1;
using Zielsteuerung.ServiceDefaults;

namespace Kpi.Ingestion.API.Deliveries;

/// <summary>Indicators of an agreement's own, declared per jobcenter; their codes join the <see cref="CodeBook"/>.</summary>
internal sealed partial class LocalIndicators(KpiDbContext db, CodeBook codes, JobcenterDirectory directory, GermanClock clock)
{
    /// <summary>Reads the declared indicators into the code book (another replica may have declared one).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        codes.SetLocals(await db.LocalIndicators.AsNoTracking().ToListAsync(cancellationToken));

    public async Task<LocalIndicatorRow> DeclareAsync(DeclareLocalIndicatorRequest request, CancellationToken cancellationToken)
    {
        if (request.Name.Length is < 3 or > 60 || !KebabPattern().IsMatch(request.Name))
        {
            throw new InvalidRequestException("name", $"'{request.Name}' is not a lower-case kebab name of 3–60 characters (e.g. \"vermittlungen-schwerbehinderte\").");
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 300)
        {
            throw new InvalidRequestException("title", "required, at most 300 characters: what is counted, for people.");
        }

        if (request.Kind is not ("stock" or "flow"))
        {
            throw new InvalidRequestException("kind", "\"stock\" (at the month's end) or \"flow\" (during the month).");
        }

        var jobcenter = await directory.JobcenterAsync(request.JobcenterId, clock.Today(), cancellationToken);
        var declared = new LocalIndicatorRow
        {
            Code = $"local.{jobcenter.Id}.{request.Name}",
            JobcenterId = jobcenter.Id,
            Name = request.Name,
            Title = request.Title.Trim(),
            Unit = request.Unit.Length > 0 ? request.Unit : "Personen",
            Kind = request.Kind,
            DeclaredByAgreement = request.DeclaredByAgreement,
        };
        if (await db.LocalIndicators.AsNoTracking().SingleOrDefaultAsync(l => l.Code == declared.Code, cancellationToken) is { } existing)
        {
            return Same(existing, declared) ? existing : throw Conflict(existing);
        }

        declared.Id = (short)await db.Database.SqlQuery<long>($"SELECT nextval('local_indicator_ids') AS \"Value\"").SingleAsync(cancellationToken);
        db.LocalIndicators.Add(declared);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            var raced = await db.LocalIndicators.AsNoTracking().SingleAsync(l => l.Code == declared.Code, cancellationToken);
            return Same(raced, declared) ? raced : throw Conflict(raced);
        }

        await RefreshAsync(cancellationToken);
        return declared;
    }

    public static LocalIndicator View(LocalIndicatorRow row) => new()
    {
        Code = row.Code, JobcenterId = row.JobcenterId, Name = row.Title, Unit = row.Unit, Kind = row.Kind, DeclaredByAgreement = row.DeclaredByAgreement,
    };

    private static bool Same(LocalIndicatorRow a, LocalIndicatorRow b) =>
        a.Title == b.Title && a.Unit == b.Unit && a.Kind == b.Kind && a.DeclaredByAgreement == b.DeclaredByAgreement;

    private static AlreadyExistsException Conflict(LocalIndicatorRow existing) => new("zielsteuerung.kpi.v1.LocalIndicator", existing.Code,
        $"{existing.Code} is declared already with another definition (\"{existing.Title}\", {existing.Unit}, {existing.Kind}); choose another name.");

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabPattern();
}
