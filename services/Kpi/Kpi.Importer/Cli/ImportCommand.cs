using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using Kpi.Csv;
using Kpi.Importer.Upload;
using Spectre.Console;
using Zielsteuerung.Kpi.V1;
using KpiClient = Zielsteuerung.Kpi.V1.Kpi.KpiClient;

namespace Kpi.Importer.Cli;

/// <summary>kpi-import's command line: options, token, progress, summary and exit code around <see cref="DeliveryUpload"/>.</summary>
public static class ImportCommand
{
    public static RootCommand Create(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV delivery file (docs/kpi-csv.md)" };
        var server = new Option<string>("--server") { Description = "The KPI service's address (env KPI_SERVER)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KPI_SERVER") ?? "http://localhost:5111" };
        var token = new Option<string?>("--token") { Description = "A bearer token with kpi.deliver (env KPI_TOKEN)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KPI_TOKEN") };
        var clientId = new Option<string>("--client-id") { Description = "Without --token: the client of the client-credentials grant", DefaultValueFactory = _ => "ba-statistik" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "Its secret (env KPI_CLIENT_SECRET)", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KPI_CLIENT_SECRET") };
        var tokenEndpoint = new Option<Uri>("--token-endpoint") { Description = "The identity service's token endpoint", DefaultValueFactory = _ => new Uri("http://localhost:5090/connect/token") };
        var partial = new Option<bool>("--partial") { Description = "Store the valid rows and report the others (default: all or nothing)" };
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "A key that makes sending the same delivery again harmless" };
        var description = new Option<string?>("--description") { Description = "What the delivery is, for people (default: \"Import of <file name>\")" };
        var chunkRows = new Option<int>("--chunk-rows") { Description = "Rows per message", DefaultValueFactory = _ => UploadOptions.DefaultChunkRows };

        var root = new RootCommand("Streams a KPI delivery CSV file to the KPI service (Kpi.Deliver) and prints its report. Exit codes: 0 stored, 1 partially stored, 2 rejected or a broken file, 3 the call failed.")
        {
            file, server, token, clientId, clientSecret, tokenEndpoint, partial, idempotencyKey, description, chunkRows,
        };
        root.SetAction((parseResult, cancellationToken) => RunAsync(console, new ImportSettings(
            parseResult.GetValue(file)!,
            parseResult.GetValue(server)!,
            parseResult.GetValue(token),
            parseResult.GetValue(clientId)!,
            parseResult.GetValue(clientSecret),
            parseResult.GetValue(tokenEndpoint)!,
            new UploadOptions
            {
                Mode = parseResult.GetValue(partial) ? DeliveryMode.Partial : DeliveryMode.AllOrNothing,
                IdempotencyKey = parseResult.GetValue(idempotencyKey) ?? "",
                Description = parseResult.GetValue(description) ?? "",
                ChunkRows = parseResult.GetValue(chunkRows),
            }), cancellationToken));
        return root;
    }

    private sealed record ImportSettings(FileInfo File, string Server, string? Token, string ClientId, string? ClientSecret,
        Uri TokenEndpoint, UploadOptions Upload);

    private static async Task<int> RunAsync(IAnsiConsole console, ImportSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.File.Exists)
        {
            console.MarkupLineInterpolated($"[red]{settings.File.FullName}: no such file[/]");
            return ExitCodes.Rejected;
        }
        if (settings.Upload.ChunkRows < 1)
        {
            console.MarkupLine("[red]--chunk-rows must be at least 1[/]");
            return ExitCodes.Rejected;
        }
        try
        {
            var headers = new Metadata();
            if (await BearerTokenAsync(console, settings, cancellationToken) is { } bearer)
                headers.Add("authorization", $"Bearer {bearer}");

            using var channel = GrpcChannel.ForAddress(settings.Server, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });
            var upload = new DeliveryUpload(new KpiClient(channel));
            var result = await ProgressDisplay.RunAsync(console, settings.File.Name,
                progress => upload.RunAsync(settings.File.FullName, settings.Upload, progress, headers, cancellationToken));
            ReportPrinter.Print(console, result);
            return result.Report.State switch
            {
                DeliveryState.Stored => ExitCodes.Stored,
                DeliveryState.PartiallyStored => ExitCodes.PartiallyStored,
                DeliveryState.Rejected => ExitCodes.Rejected,
                _ => ExitCodes.CallFailed,
            };
        }
        catch (KpiCsvFormatException e)
        {
            console.MarkupLineInterpolated($"[red]{settings.File.Name}: {e.Message}[/]");
            console.MarkupLine("nothing was sent.");
            return ExitCodes.Rejected;
        }
        catch (RpcException e)
        {
            console.MarkupLineInterpolated($"[red]the KPI service at {settings.Server} answered {e.StatusCode}: {e.Status.Detail}[/]");
            return ExitCodes.CallFailed;
        }
        catch (AccessTokenException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return ExitCodes.CallFailed;
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[red]no token: {e.Message}[/]");
            return ExitCodes.CallFailed;
        }
    }

    private static async Task<string?> BearerTokenAsync(IAnsiConsole console, ImportSettings settings, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(settings.Token)) return settings.Token;
        if (string.IsNullOrEmpty(settings.ClientSecret))
        {
            console.MarkupLine("[yellow]no --token and no --client-secret: sending without a token[/]");
            return null;
        }
        using var http = new HttpClient();
        return await AccessToken.ObtainAsync(http, settings.TokenEndpoint, settings.ClientId, settings.ClientSecret, cancellationToken);
    }
}
