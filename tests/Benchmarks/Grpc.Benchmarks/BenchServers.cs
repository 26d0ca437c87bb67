using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Grpc.Core;
using Zielsteuerung.Benchmarks.V1;

namespace Zielsteuerung.Grpc.Benchmarks;

/// <summary>The reference servers: grpc-dotnet's unary echo, and bare Kestrel answering a pre-encoded response (the transport's ceiling).</summary>
internal static class BenchServers
{
    public static async Task<int> ServeAsync(string kind, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));

        WebApplication app;
        switch (kind)
        {
            case "grpc-dotnet":
                builder.Services.AddGrpc();
                app = builder.Build();
                app.Use(CountAsync);
                app.MapGrpcService<EchoService>();
                break;
            case "kestrel":
                app = builder.Build();
                app.Use(CountAsync);
                app.Run(AnswerPreEncodedAsync);
                break;
            case "kestrel-routed":
                // For diagnosis: what endpoint routing adds to the bare reference (grpc-dotnet routes too).
                builder.Services.AddRouting();
                app = builder.Build();
                app.Use(CountAsync);
                app.MapPost(BenchMessages.UnaryPath, AnswerPreEncodedAsync);
                break;
            default:
                Console.Error.WriteLine($"unknown server '{kind}' (grpc-dotnet|kestrel|kestrel-routed)");
                return 2;
        }

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        Console.WriteLine($"PORT {address.Port}");
        // Runs until the driving script closes our stdin (or dies), or SIGTERM/Ctrl+C stops the host.
        var stopping = new TaskCompletionSource();
        app.Lifetime.ApplicationStopping.Register(stopping.SetResult);
        await Task.WhenAny(Console.In.ReadToEndAsync(), stopping.Task);
        await app.StopAsync();
        // Allocation per call is the cheapest profile there is: compare grpc-dotnet with the bare reference.
        var calls = Math.Max(1, Interlocked.Read(ref s_calls));
        Console.WriteLine($"STATS calls={calls} allocated_bytes_per_call={GC.GetTotalAllocatedBytes(precise: true) / calls} " +
            $"gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)}");
        return 0;
    }

    private static long s_calls;

    private static Task CountAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref s_calls);
        return next(context);
    }

    /// <summary>
    /// Does only what HTTP/2 and gRPC framing demand: read the whole request body, answer 200 with
    /// content-type application/grpc, the response frame and grpc-status 0 in the trailers.
    /// </summary>
    private static async Task AnswerPreEncodedAsync(HttpContext context)
    {
        if (context.Request.Path != BenchMessages.UnaryPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var body = context.Request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync();
            body.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }
        context.Response.ContentType = "application/grpc";
        context.Response.AppendTrailer("grpc-status", "0");
        await context.Response.BodyWriter.WriteAsync(BenchMessages.ResponseFrame);
    }
}

/// <summary>Echo.Unary on grpc-dotnet: what a unary call costs with no work of its own.</summary>
internal sealed class EchoService : Echo.EchoBase
{
    public override Task<EchoResponse> Unary(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Message = request.Message, Payload = request.Payload });
}
