using Kpi.Computation;
using Kpi.Ingestion.API.Infrastructure;
using Kpi.Ingestion.API.Model;
using Npgsql;

namespace Kpi.Ingestion.API.Reads;

/// <summary>A value as it stood at the read's as-of: the one of the latest delivery then.</summary>
internal readonly record struct StoredValue(int Jobcenter, short Code, short Sex, int Month, long Delivery, decimal Value, decimal? Numerator, decimal? Denominator)
{
    public Rational Exact => ExactDecimal.Of(Value);
}

/// <summary>
/// Reads values "as delivered on" a moment: per key the value of the newest delivery made by then (DISTINCT ON over
/// the primary key's order, newest delivery first), for a set of jobcenters, codes and sexes, one basis, a month range.
/// </summary>
internal sealed class ValueReader([FromKeyedServices(KpiDbContext.ConnectionName)] NpgsqlDataSource dataSource)
{
    public async Task<List<StoredValue>> ReadAsync(IReadOnlyCollection<int> jobcenters, IReadOnlyCollection<short> codes, IReadOnlyCollection<short> sexes,
        short basis, int fromMonth, int toMonth, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var sql = """
            SELECT DISTINCT ON (jobcenter, code, sex, month) jobcenter, code, sex, month, delivery, value, numerator, denominator
            FROM kpi_values v
            WHERE jobcenter = ANY($1) AND code = ANY($2) AND sex = ANY($3) AND basis = $4 AND month BETWEEN $5 AND $6
            """;
        if (asOf is not null)
        {
            sql += " AND EXISTS (SELECT 1 FROM deliveries d WHERE d.sequence = v.delivery AND d.delivered_at <= $7)";
        }

        sql += " ORDER BY jobcenter, code, sex, month, delivery DESC";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = jobcenters.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = codes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = sexes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = basis });
        command.Parameters.Add(new NpgsqlParameter { Value = fromMonth });
        command.Parameters.Add(new NpgsqlParameter { Value = toMonth });
        if (asOf is { } moment)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = moment.ToUniversalTime() });
        }

        var values = new List<StoredValue>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(new StoredValue(reader.GetInt32(0), reader.GetInt16(1), reader.GetInt16(2), reader.GetInt32(3), reader.GetInt64(4), reader.GetDecimal(5),
                reader.IsDBNull(6) ? null : reader.GetDecimal(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7)));
        }

        return values;
    }

    /// <summary>Per (jobcenter, sex) the quantities read, as the computation library takes them.</summary>
    public static Dictionary<(int Jobcenter, short Sex), QuantityTable> Tables(IEnumerable<StoredValue> values, CodeBook codes)
    {
        var tables = new Dictionary<(int, short), QuantityTable>();
        foreach (var value in values)
        {
            if (!tables.TryGetValue((value.Jobcenter, value.Sex), out var table))
            {
                table = new QuantityTable();
                tables[(value.Jobcenter, value.Sex)] = table;
            }

            table.Set(codes.ById(value.Code)!.Code, Months.FromIndex(value.Month), value.Exact);
        }

        return tables;
    }
}
