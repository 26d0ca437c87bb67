namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>Finds the executables the resources need and explains what to install when one is missing.</summary>
internal sealed class Tools(IDictionary<string, string> overrides)
{
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["redis-server"] = "redis-server",
        ["rabbitmq-server"] = "rabbitmq-server",
        ["epmd"] = "rabbitmq-server (Erlang's epmd)",
        ["postgres"] = "postgresql",
        ["initdb"] = "postgresql",
        ["setpriv"] = "util-linux",
        ["setsid"] = "util-linux",
        ["dotnet"] = "the .NET 10 SDK",
    };

    private readonly Dictionary<string, string?> found = new(StringComparer.Ordinal);

    public string? Find(string tool)
    {
        lock (found)
        {
            if (!found.TryGetValue(tool, out var path))
            {
                found[tool] = path = Locate(tool);
            }

            return path;
        }
    }

    public string Require(string tool) =>
        Find(tool) ?? throw new DistributedApplicationException(MissingMessage([(tool, "the AppHost")]));

    /// <summary>One message naming every missing tool, who needs it and which package provides it.</summary>
    public static string MissingMessage(IReadOnlyList<(string Tool, string NeededBy)> missing)
    {
        var lines = missing.Select(m => $"  - {m.Tool} (needed by '{m.NeededBy}'): install {Packages.GetValueOrDefault(m.Tool, m.Tool)}");
        var packages = missing.Select(m => Packages.GetValueOrDefault(m.Tool, m.Tool))
            .Where(p => !p.Contains(' ', StringComparison.Ordinal)).Distinct();
        return "Missing prerequisites:" + Environment.NewLine + string.Join(Environment.NewLine, lines) + Environment.NewLine +
               $"Install them with: apt-get install -y --no-install-recommends {string.Join(' ', packages)} (or run eng/install-prerequisites.sh).";
    }

    private string? Locate(string tool)
    {
        if (overrides.TryGetValue(tool, out var configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        IEnumerable<string> candidates = tool switch
        {
            // The /usr/sbin wrapper switches user and cookie; the script under /usr/lib runs the broker in place.
            "rabbitmq-server" => ["/usr/lib/rabbitmq/bin/rabbitmq-server"],
            "postgres" or "initdb" => PostgresBinDirectories().Select(d => Path.Combine(d, tool)),
            "epmd" => SearchPath(tool).Concat(ErlangRuntimeDirectories().Select(d => Path.Combine(d, "bin", tool))),
            "dotnet" => DotnetCandidates(),
            _ => SearchPath(tool),
        };
        return candidates.FirstOrDefault(File.Exists);
    }

    private static IEnumerable<string> PostgresBinDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .OrderByDescending(d => d.Version == 15) // the version the platform was proven with
            .ThenByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"));
    }

    private static IEnumerable<string> ErlangRuntimeDirectories() =>
        Directory.Exists("/usr/lib/erlang") ? Directory.GetDirectories("/usr/lib/erlang", "erts-*") : [];

    private static IEnumerable<string> DotnetCandidates()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath)
        {
            yield return hostPath;
        }

        if (Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            yield return processPath;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            yield return Path.Combine(root, "dotnet");
        }

        foreach (var path in SearchPath("dotnet"))
        {
            yield return path;
        }
    }

    private static IEnumerable<string> SearchPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
        .Select(dir => Path.Combine(dir, tool));
}
