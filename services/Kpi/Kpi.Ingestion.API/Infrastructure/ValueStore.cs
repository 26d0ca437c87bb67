using Kpi.Ingestion.API.Deliveries;
using Npgsql;
using NpgsqlTypes;

namespace Kpi.Ingestion.API.Infrastructure;

/// <summary>The bulk paths: a value row and the row errors written with binary COPY on the delivery's connection and transaction (<see cref="ValueCopy"/> drives the values).</summary>
internal static class ValueStore
{
    public const string CopyValues =
        "COPY kpi_values (jobcenter, code, sex, basis, month, delivery, value, numerator, denominator) FROM STDIN (FORMAT BINARY)";

    private const string CopyErrors = "COPY delivery_errors (delivery, ordinal, row_number, reason, field, message) FROM STDIN (FORMAT BINARY)";

    // Synchronous on purpose: ValueCopy's writer has a thread of its own, and the async overloads cost a state machine
    // per field for a buffer that is almost never full.
    public static void Write(NpgsqlBinaryImporter importer, ValidRow row, long delivery)
    {
        importer.StartRow();
        importer.Write(row.Jobcenter, NpgsqlDbType.Integer);
        importer.Write(row.Code, NpgsqlDbType.Smallint);
        importer.Write(row.Sex, NpgsqlDbType.Smallint);
        importer.Write(row.Basis, NpgsqlDbType.Smallint);
        importer.Write(row.Month, NpgsqlDbType.Integer);
        importer.Write(delivery, NpgsqlDbType.Bigint);
        importer.Write(row.Value, NpgsqlDbType.Numeric);
        WriteNullable(importer, row.Numerator);
        WriteNullable(importer, row.Denominator);
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

    private static void WriteNullable(NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is { } present)
        {
            importer.Write(present, NpgsqlDbType.Numeric);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
