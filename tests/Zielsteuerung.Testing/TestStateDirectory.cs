using Zielsteuerung.Hosting.Servers;

namespace Zielsteuerung.Testing;

/// <summary>
/// A state directory for one test topology under /tmp/zielsteuerung-tests (traversable by all: PostgreSQL runs as its
/// own user), deleted on dispose. Directories that killed test runs left behind are removed when the next is made.
/// </summary>
public sealed class TestStateDirectory : IDisposable
{
    private static readonly string Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zielsteuerung-tests");
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(6);

    private TestStateDirectory(string path) => Path = path;

    public string Path { get; }

    public static TestStateDirectory Create()
    {
        ServerResources.CreateTraversable(Root);
        foreach (var old in new DirectoryInfo(Root).GetDirectories().Where(d => d.LastWriteTimeUtc < DateTime.UtcNow - Abandoned))
        {
            TryDelete(old.FullName);
        }

        var path = System.IO.Path.Combine(Root, Guid.NewGuid().ToString("N")[..12]);
        ServerResources.CreateTraversable(path);
        return new TestStateDirectory(path);
    }

    public void Dispose() => TryDelete(Path);

    private static void TryDelete(string path)
    {
        // A server that has just stopped may still be releasing its files: try a few times.
        for (var attempt = 0; attempt < 5 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
