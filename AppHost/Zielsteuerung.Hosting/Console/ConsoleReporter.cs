using System.Globalization;
using System.Text;

namespace Zielsteuerung.Hosting.Console;

/// <summary>
/// The AppHost's console: on a terminal, a live table of resources (state, health, restarts, PID, URLs) redrawn below the
/// event lines; otherwise (CI, redirected output) one line per change. Events also go to <c>&lt;state&gt;/logs/apphost.log</c>.
/// </summary>
internal sealed class ConsoleReporter : IDisposable
{
    private const string Reset = "\e[0m";
    private readonly ResourceNotificationService notifications;
    private readonly bool live;
    private readonly string stateDirectory;
    private readonly Lock gate = new();
    private readonly Queue<string> pendingLines = new();
    private readonly Dictionary<string, string> lastLine = new(StringComparer.Ordinal);
    private StreamWriter? eventLog;
    private Timer? redraw;
    private int tableHeight;
    private bool dirty;

    public ConsoleReporter(ResourceNotificationService notifications, ConsoleMode mode, string stateDirectory)
    {
        this.notifications = notifications;
        this.stateDirectory = stateDirectory;
        live = mode == ConsoleMode.Auto && !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
    }

    public void Start()
    {
        Directory.CreateDirectory(Path.Combine(stateDirectory, "logs"));
        lock (gate)
        {
            eventLog = new StreamWriter(Path.Combine(stateDirectory, "logs", "apphost.log"), append: false) { AutoFlush = true };
        }

        notifications.SnapshotChanged += OnChanged;
        notifications.EventReported += Report;
        Report("apphost", $"state directory {stateDirectory} (resource output in logs/)");
        if (live)
        {
            redraw = new Timer(_ => Redraw(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
        }
    }

    public void Report(string name, string message)
    {
        var line = $"{DateTime.Now:HH:mm:ss} {name,-16} {message}";
        lock (gate)
        {
            eventLog?.WriteLine(line);
            if (live)
            {
                pendingLines.Enqueue(line);
                dirty = true;
            }
            else
            {
                System.Console.Out.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
        notifications.SnapshotChanged -= OnChanged;
        notifications.EventReported -= Report;
        redraw?.Dispose();
        if (live)
        {
            Redraw();
        }

        lock (gate)
        {
            eventLog?.Dispose();
        }
    }

    private void OnChanged(ResourceSnapshot snapshot)
    {
        var text = Describe(snapshot);
        lock (gate)
        {
            if (lastLine.TryGetValue(snapshot.Name, out var previous) && previous == text)
            {
                return;
            }

            lastLine[snapshot.Name] = text;
            dirty = true;
            var line = $"{DateTime.Now:HH:mm:ss} {snapshot.Name,-16} {text}";
            eventLog?.WriteLine(line);
            if (!live)
            {
                System.Console.Out.WriteLine(line);
            }
        }
    }

    private static string Describe(ResourceSnapshot s)
    {
        var text = new StringBuilder(s.State.ToString());
        if (s.State == ResourceState.Running)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({s.Health.ToString().ToLowerInvariant()})");
        }

        if (s.Restarts > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", restarts {s.Restarts}");
        }

        if (s.State == ResourceState.Running && s.Endpoints.Count > 0)
        {
            text.Append(' ').Append(string.Join(' ', s.Endpoints.Select(e => $"{e.Key}={e.Value.ToString().TrimEnd('/')}")));
        }

        if (s.Message is { } message && s.State != ResourceState.Running)
        {
            text.Append(" — ").Append(message);
        }

        return text.ToString();
    }

    private void Redraw()
    {
        lock (gate)
        {
            if (!dirty)
            {
                return;
            }

            dirty = false;
            var output = new StringBuilder();
            if (tableHeight > 0)
            {
                output.Append(CultureInfo.InvariantCulture, $"\e[{tableHeight}F\e[J"); // back to the table's first line, clear below
            }

            while (pendingLines.TryDequeue(out var line))
            {
                output.AppendLine(line);
            }

            var table = RenderTable(notifications.GetSnapshots());
            tableHeight = table.Count;
            foreach (var row in table)
            {
                output.AppendLine(row);
            }

            System.Console.Out.Write(output.ToString());
            System.Console.Out.Flush();
        }
    }

    private static List<string> RenderTable(IReadOnlyList<ResourceSnapshot> snapshots)
    {
        string[] header = ["RESOURCE", "TYPE", "STATE", "HEALTH", "RESTARTS", "PID", "URLS"];
        var rows = snapshots.Select(s => new[]
        {
            s.Name, s.Type, s.State.ToString(), s.State == ResourceState.Running ? s.Health.ToString() : "",
            s.Restarts.ToString(CultureInfo.InvariantCulture), s.ProcessId?.ToString(CultureInfo.InvariantCulture) ?? "",
            s.State == ResourceState.Running
                ? string.Join(" ", s.Endpoints.Select(e => $"{e.Key}={e.Value.ToString().TrimEnd('/')}"))
                : s.Message ?? "",
        }).ToList();
        var widths = Enumerable.Range(0, header.Length - 1)
            .Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        var width = Math.Max(40, SafeWindowWidth() - 1);
        string Format(string[] cells) =>
            Truncate(string.Join("  ", cells.Take(cells.Length - 1).Select((c, i) => c.PadRight(widths[i]))) + "  " + cells[^1], width);

        var lines = new List<string> { "\e[1m" + Format(header) + Reset };
        lines.AddRange(snapshots.Select((s, i) => Color(s) + Format(rows[i]) + Reset));
        return lines;
    }

    private static string Color(ResourceSnapshot s) => s switch
    {
        { IsHealthy: true } => "\e[32m",
        { State: ResourceState.Exited or ResourceState.FailedToStart } or { Health: HealthStatus.Unhealthy } => "\e[31m",
        { State: ResourceState.Stopped or ResourceState.NotStarted } => "\e[90m",
        _ => "\e[33m",
    };

    private static string Truncate(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static int SafeWindowWidth()
    {
        try
        {
            return System.Console.WindowWidth > 0 ? System.Console.WindowWidth : 160;
        }
        catch (IOException)
        {
            return 160;
        }
    }
}
