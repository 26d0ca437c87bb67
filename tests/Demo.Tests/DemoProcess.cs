using System.Diagnostics;
using Zielsteuerung.Demo;
using Zielsteuerung.Demo.Cli;

namespace Demo.Tests;

/// <summary>The loader's command line as its own process (`dotnet Zielsteuerung.Demo.dll --agreements … --kpi … --identity …`, secrets in the environment).</summary>
public static class DemoProcess
{
    public sealed record Run(int ExitCode, IReadOnlyList<string> Lines, string Errors, TimeSpan Elapsed);

    public static async Task<Run> RunAsync(DemoEndpoints endpoints, IReadOnlyDictionary<string, string> secrets)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList =
            {
                LoaderAssembly(), "--agreements", endpoints.Agreements.ToString(), "--kpi", endpoints.Kpi.ToString(), "--monitoring", endpoints.Monitoring.ToString(),
                "--identity", endpoints.Identity.ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (client, secret) in secrets)
        {
            start.Environment[DemoCommand.SecretVariable(client)] = secret;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Run(process.ExitCode, lines, await stderr, clock.Elapsed);
    }

    // The loader's own build output, with its deps.json and runtimeconfig.json (the test's folder has the test's).
    private static string LoaderAssembly()
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testFolder.Name, testFolder.Parent!.Name);
        var repo = testFolder;
        while (repo is not null && !Directory.Exists(Path.Combine(repo.FullName, "services", "Demo")))
        {
            repo = repo.Parent;
        }

        var path = Path.Combine(repo!.FullName, "services", "Demo", "Zielsteuerung.Demo", "bin", configuration, framework, "Zielsteuerung.Demo.dll");
        Assert.True(File.Exists(path), $"{path} is not built");
        return path;
    }
}
