namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>A resource's output: the last lines in memory and everything, time-stamped, in <c>&lt;state&gt;/logs/&lt;name&gt;.log</c>.</summary>
internal sealed class ResourceLog : IDisposable
{
    private const int Capacity = 2000;
    private readonly Queue<string> lines = new();
    private StreamWriter? file;
    private readonly Lock gate = new();

    public ResourceLog(string path) => Path = path;

    public string Path { get; }

    /// <summary>Starts the file (truncating the previous run's); output before this is kept in memory only.</summary>
    public void Open()
    {
        lock (gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            file ??= new StreamWriter(new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        }
    }

    public void Write(string line)
    {
        lock (gate)
        {
            if (lines.Count == Capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
            try
            {
                file?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");
            }
            catch (ObjectDisposedException)
            {
                // output that arrives after shutdown is kept in memory only
            }
        }
    }

    public IReadOnlyList<string> Tail(int count = Capacity)
    {
        lock (gate)
        {
            return lines.Skip(Math.Max(0, lines.Count - count)).ToList();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
        }
    }
}
