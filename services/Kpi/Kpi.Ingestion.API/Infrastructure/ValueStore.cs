using Kpi.Ingestion.API.Deliveries;
using Npgsql;
using NpgsqlTypes;

namespace Kpi.Ingestion.API.Infrastructure;

/// <summary>The bulk paths: values and row errors written with binary COPY on the delivery's connection and transaction.</summary>
internal static class ValueStore
{
    public const string CopyValues =
        "COPY kpi_values (jobcenter, code, sex, basis, month, delivery, value, numerator, denominator) FROM STDIN (FORMAT BINARY)";

    private const string CopyErrors = "COPY delivery_errors (delivery, ordinal, row_number, reason, field, message) FROM STDIN (FORMAT BINARY)";

    public static async Task WriteAsync(NpgsqlBinaryImporter importer, ValidRow row, long delivery, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(row.Jobcenter, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(row.Code, NpgsqlDbType.Smallint, cancellationToken);
        await importer.WriteAsync(row.Sex, NpgsqlDbType.Smallint, cancellationToken);
        await importer.WriteAsync(row.Basis, NpgsqlDbType.Smallint, cancellationToken);
        await importer.WriteAsync(row.Month, NpgsqlDbType.Integer, cancellationToken);
        await importer.WriteAsync(delivery, NpgsqlDbType.Bigint, cancellationToken);
        await importer.WriteAsync(row.Value, NpgsqlDbType.Numeric, cancellationToken);
        await WriteNullableAsync(importer, row.Numerator, cancellationToken);
        await WriteNullableAsync(importer, row.Denominator, cancellationToken);
    }

    public static async Task WriteErrorsAsync(NpgsqlConnection connection, long delivery, IReadOnlyList<RowProblem> problems, CancellationToken cancellationToken)
    {
        if (problems.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(CopyErrors, cancellationToken);
        for (var ordinal = 0; ordinal < problems.Count; ordinal++)
        {
            var problem = problems[ordinal];
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(delivery, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(ordinal, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(problem.RowNumber, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(problem.Reason, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(problem.Field, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(problem.Message, NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, decimal? value, CancellationToken cancellationToken) =>
        value is { } present ? importer.WriteAsync(present, NpgsqlDbType.Numeric, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}
