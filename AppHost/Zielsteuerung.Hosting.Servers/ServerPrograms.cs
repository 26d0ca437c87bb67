using System.Globalization;
using Aspire.Hosting;
using Microsoft.Extensions.Configuration;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>
/// Finds the Debian-packaged server programs and names the package that brings a missing one. Configuration key
/// <c>Servers:Programs:&lt;program&gt;</c> points a program elsewhere.
/// </summary>
public sealed class ServerPrograms(IConfiguration configuration)
{
    private static readonly Dictionary<string, string> Packages = new()
    {
        ["postgres"] = "postgresql",
        ["initdb"] = "postgresql",
        ["rabbitmq-server"] = "rabbitmq-server",
        ["epmd"] = "erlang-base (comes with rabbitmq-server)",
        ["redis-server"] = "redis-server",
        ["setpriv"] = "util-linux",
    };

    /// <summary>The full path of <paramref name="program"/>, or null when it is not installed.</summary>
    public string? Find(string program)
    {
        if (configuration[$"Servers:Programs:{program}"] is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        IEnumerable<string> candidates = program switch
        {
            // The /usr/sbin wrapper switches user and cookie; the script under /usr/lib runs the broker in place.
            "rabbitmq-server" => ["/usr/lib/rabbitmq/bin/rabbitmq-server"],
            "postgres" or "initdb" => PostgresBinDirectories().Select(d => Path.Combine(d, program)),
            "epmd" => SearchPath(program).Concat(ErlangRuntimeDirectories().Select(d => Path.Combine(d, "bin", program))),
            _ => SearchPath(program),
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The path of <paramref name="program"/>; where it is missing, a path that names it (the start-up check reports it).</summary>
    internal string FindOrName(string program) => Find(program) ?? program;

    /// <summary>One message naming every missing program, the resource that needs it and the package that brings it.</summary>
    public static string MissingMessage(IEnumerable<(string Program, string NeededBy)> missing)
    {
        var list = missing.ToList();
        var lines = list.Select(m => $"  - {m.Program} (needed by '{m.NeededBy}'): install {Package(m.Program)}");
        var packages = list.Select(m => Package(m.Program).Split(' ')[0]).Distinct();
        return "Missing prerequisites:" + Environment.NewLine + string.Join(Environment.NewLine, lines) + Environment.NewLine +
               $"Install them with: apt-get install -y --no-install-recommends {string.Join(' ', packages)} (or run eng/install-prerequisites.sh).";
    }

    /// <summary>Throws one <see cref="DistributedApplicationException"/> naming every program the servers need and do not find.</summary>
    internal void EnsureInstalled(IEnumerable<ServerResource> servers)
    {
        var missing = servers
            .SelectMany(server => server.RequiredPrograms.Select(program => (Program: program, NeededBy: server.Name)))
            .Where(m => Find(m.Program) is null)
            .ToList();
        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(MissingMessage(missing));
        }
    }

    private static string Package(string program) => Packages.GetValueOrDefault(program, program);

    private static IEnumerable<string> PostgresBinDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"));
    }

    private static IEnumerable<string> ErlangRuntimeDirectories() =>
        Directory.Exists("/usr/lib/erlang") ? Directory.GetDirectories("/usr/lib/erlang", "erts-*") : [];

    private static IEnumerable<string> SearchPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
        .Select(dir => Path.Combine(dir, program));
}
