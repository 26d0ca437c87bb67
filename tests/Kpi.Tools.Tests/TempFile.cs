using System.Text;
using Kpi.DataGenerator;

namespace Kpi.Tools.Tests;

/// <summary>A file in the temp folder, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public TempFile(string? text = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"kpi-{Guid.NewGuid():N}.csv");
        if (text is not null) File.WriteAllText(Path, text, new UTF8Encoding(false));
    }

    public string Path { get; }

    public static TempFile Generated(GeneratorOptions options, out long rows)
    {
        var file = new TempFile();
        using var writer = new StreamWriter(file.Path, false, new UTF8Encoding(false), 1 << 16);
        rows = new KpiDataGenerator(options).WriteCsv(writer);
        return file;
    }

    public void Dispose() => File.Delete(Path);
}
