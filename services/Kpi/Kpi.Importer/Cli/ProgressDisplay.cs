using System.Diagnostics;
using System.Globalization;
using Kpi.Importer.Upload;
using Spectre.Console;

namespace Kpi.Importer.Cli;

/// <summary>The upload's progress: a bar over the file's bytes on a terminal, a plain line every few seconds otherwise
/// (CI, redirected output).</summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static async Task<T> RunAsync<T>(IAnsiConsole console, string fileName, Func<IProgress<UploadProgress>, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
            return await work(new PlainProgress(console, fileName));

        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(fileName), maxValue: 1);
                result = await work(new BarProgress(task, fileName));
                task.Value = task.MaxValue;
            });
        return result;
    }

    internal static string Describe(UploadProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"{progress.RowsSent:N0} rows sent, {progress.RowsPerSecond:N0} rows/s");

    private sealed class BarProgress(ProgressTask task, string fileName) : IProgress<UploadProgress>
    {
        public void Report(UploadProgress value)
        {
            task.MaxValue = Math.Max(1, value.TotalBytes);
            task.Value = value.BytesRead;
            task.Description = Markup.Escape($"{fileName}: {Describe(value)}");
        }
    }

    private sealed class PlainProgress(IAnsiConsole console, string fileName) : IProgress<UploadProgress>
    {
        private readonly Stopwatch _sinceLast = Stopwatch.StartNew();

        public void Report(UploadProgress value)
        {
            if (_sinceLast.Elapsed < PlainInterval) return;
            _sinceLast.Restart();
            var percent = value.TotalBytes > 0 ? 100.0 * value.BytesRead / value.TotalBytes : 100;
            // Straight to the writer: a log line is not to be wrapped at the console's width.
            console.Profile.Out.Writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{fileName}: {value.BytesRead / 1e6:N1} of {value.TotalBytes / 1e6:N1} MB ({percent:N0} %), {Describe(value)}"));
        }
    }
}
