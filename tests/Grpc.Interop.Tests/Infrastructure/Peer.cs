using System.Diagnostics;
using System.Reflection;

namespace Zielsteuerung.Interop.Tests.Infrastructure;

/// <summary>A gRPC implementation we did not write, driven through the scripts in tests/interop.</summary>
public sealed class Peer
{
    private const string InstallHint = "run eng/install-prerequisites.sh --tests";

    public static readonly Peer Python = new(
        "python grpcio", "python", "/usr/bin/python3", "registry_client.py", "agreements_client.py", "kpi_client.py", "monitoring_client.py", ["-u"],
        $"Debian's python3-grpcio and python3-protobuf are needed for /usr/bin/python3 ({InstallHint}, or apt-get install python3-grpcio python3-protobuf)",
        ["-c", "import grpc, google.protobuf"]);

    public static readonly Peer Node = new(
        "@grpc/grpc-js", "node", "node", "registry-client.js", "agreements-client.js", "kpi-client.js", "monitoring-client.js", [],
        $"node and tests/interop/node/node_modules are needed ({InstallHint}, or npm ci --prefix tests/interop/node)",
        ["-e", "require('@grpc/grpc-js'); require('protobufjs/ext/descriptor')"]);

    private readonly string[] _interpreterArguments;
    private readonly string _missingMessage;
    private readonly string[] _probe;
    private readonly Lazy<string?> _problem;

    private Peer(string name, string folder, string executable, string registryScript, string agreementsScript, string kpiScript,
        string monitoringScript, string[] interpreterArguments, string missingMessage, string[] probe)
    {
        Name = name;
        Directory = System.IO.Path.Combine(RepositoryRoot.Path, "tests", "interop", folder);
        Executable = executable;
        RegistryScript = registryScript;
        AgreementsScript = agreementsScript;
        KpiScript = kpiScript;
        MonitoringScript = monitoringScript;
        _interpreterArguments = interpreterArguments;
        _missingMessage = missingMessage;
        _probe = probe;
        _problem = new Lazy<string?>(Probe);
    }

    public string Name { get; }
    public string Directory { get; }
    public string Executable { get; }
    /// <summary>The client of zielsteuerung.parties.v1.PartyRegistry.</summary>
    public string RegistryScript { get; }

    /// <summary>The client of zielsteuerung.agreements.v1.Agreements (it uses the registry script's machinery).</summary>
    public string AgreementsScript { get; }

    /// <summary>The client of zielsteuerung.kpi.v1.Kpi (it uses the registry script's machinery).</summary>
    public string KpiScript { get; }

    /// <summary>The client of zielsteuerung.monitoring.v1.Monitoring (it also calls the agreements and KPI services).</summary>
    public string MonitoringScript { get; }

    public override string ToString() => Name;

    /// <summary>Fails (never skips) with the install command when the peer cannot run on this machine.</summary>
    public void EnsureInstalled()
    {
        if (_problem.Value is { } problem)
        {
            throw new InvalidOperationException($"{Name} peer is not installed: {_missingMessage}. {problem}");
        }
    }

    public ProcessStartInfo StartInfo(string script, IEnumerable<string> arguments)
    {
        EnsureInstalled();
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in _interpreterArguments.Append(script).Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }
        // Keep the peers' own diagnostics quiet and deterministic, whatever the developer's shell exports.
        info.Environment.Remove("GRPC_TRACE");
        info.Environment.Remove("GRPC_VERBOSITY");
        info.Environment.Remove("PYTHONPATH");
        info.Environment.Remove("NODE_OPTIONS");
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1"; // no __pycache__ in the work tree
        return info;
    }

    private string? Probe()
    {
        try
        {
            var info = new ProcessStartInfo(Executable)
            {
                WorkingDirectory = Directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in _probe)
            {
                info.ArgumentList.Add(argument);
            }
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return "The probe did not finish within 30 s.";
            }
            return process.ExitCode == 0 ? null : error.Result.Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"Cannot start {Executable}: {e.Message}";
        }
    }
}

/// <summary>The work tree's root, as the test project's build recorded it (AssemblyMetadata "RepositoryRoot").</summary>
internal static class RepositoryRoot
{
    public static readonly string Path = typeof(RepositoryRoot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value
        ?? throw new InvalidOperationException("The test assembly carries no RepositoryRoot metadata.");
}
