namespace Zielsteuerung.Hosting;

/// <summary>How the console shows the application.</summary>
public enum ConsoleMode
{
    /// <summary>A live table when stdout is a terminal, otherwise one line per change.</summary>
    Auto,

    /// <summary>One line per state change (CI, redirected output).</summary>
    Lines,

    /// <summary>Nothing on the console (tests); logs still go to the state directory.</summary>
    None,
}

/// <summary>Settings of one AppHost run; filled from the command line by <see cref="DistributedApplication.CreateBuilder(string[])"/>.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>The command-line arguments given to the AppHost.</summary>
    public string[] Args { get; set; } = [];

    /// <summary>Where data, passwords and logs live; survives restarts. Default: <c>&lt;repo&gt;/.state</c>
    /// (<c>--state-dir</c>, env <c>ZIELSTEUERUNG_STATE_DIR</c>).</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Wipe the state directory before starting (<c>--fresh</c>).</summary>
    public bool Fresh { get; set; }

    /// <summary>Delete the state directory when the application is disposed (tests).</summary>
    public bool DeleteStateDirectoryOnDispose { get; set; }

    public ConsoleMode Console { get; set; } = ConsoleMode.Auto;

    /// <summary>Overrides where a tool is found, by tool name (<c>redis-server</c>, <c>rabbitmq-server</c>, <c>epmd</c>,
    /// <c>postgres</c>, <c>initdb</c>, <c>setpriv</c>, <c>dotnet</c>).</summary>
    public IDictionary<string, string> ToolPaths { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>First delay before a crashed resource is restarted; doubles per crash up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a resource gets to stop gracefully before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(15);

    internal static DistributedApplicationOptions FromArgs(string[] args)
    {
        var options = new DistributedApplicationOptions { Args = args };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh":
                    options.Fresh = true;
                    break;
                case "--state-dir" when i + 1 < args.Length:
                    options.StateDirectory = args[++i];
                    break;
                case var a when a.StartsWith("--state-dir=", StringComparison.Ordinal):
                    options.StateDirectory = a["--state-dir=".Length..];
                    break;
                case "--no-live":
                    options.Console = ConsoleMode.Lines;
                    break;
            }
        }

        options.StateDirectory ??= Environment.GetEnvironmentVariable("ZIELSTEUERUNG_STATE_DIR") is { Length: > 0 } env ? env : null;
        return options;
    }
}
