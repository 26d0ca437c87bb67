using System.Diagnostics;
using Kpi.DataGenerator;
using Kpi.Importer.Cli;
using Xunit.Abstractions;

namespace Kpi.Tools.Tests.Importer;

/// <summary>kpi-import as its own process, so that its resident set is its own: the peak (VmHWM) stays far below
/// 300 MB while it streams a file many times larger than a chunk.</summary>
[Collection(MemoryCollection.Name)]
public class ImporterProcessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_importers_peak_rss_stays_below_300_mb()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var file = TempFile.Generated(new GeneratorOptions(), out var rows);
        await using var server = await FakeKpiServer.StartAsync(new FakeKpiService { KeepRows = false });

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            ArgumentList = { ImporterAssembly(), file.Path, "--server", server.Address, "--token", "t" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, PeakRssKb(process.Id));
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();

        output.WriteLine($"{rows:N0} rows ({new FileInfo(file.Path).Length / 1e6:N1} MB): kpi-import peak RSS {peakKb / 1024.0:N0} MB");
        output.WriteLine(await stdout);
        Assert.True(process.ExitCode == ExitCodes.Stored, await stdout + await stderr);
        Assert.Equal(rows, server.Service.RowCount);
        Assert.InRange(peakKb, 1, 300 * 1024);
    }

    // The importer's own build output, with its deps.json (the test's folder has the test's).
    private static string ImporterAssembly()
    {
        var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (testFolder.Name, testFolder.Parent!.Name);
        var repo = testFolder;
        while (repo is not null && !Directory.Exists(Path.Combine(repo.FullName, "services", "Kpi"))) repo = repo.Parent;
        var path = Path.Combine(repo!.FullName, "services", "Kpi", "Kpi.Importer", "bin", configuration, framework, "kpi-import.dll");
        Assert.True(File.Exists(path), $"{path} is not built");
        return path;
    }

    private static long PeakRssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
