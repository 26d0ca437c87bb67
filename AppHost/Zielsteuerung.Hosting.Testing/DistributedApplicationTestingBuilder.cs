using System.Reflection;
using System.Runtime.ExceptionServices;
using Zielsteuerung.Hosting.ApplicationModel;

namespace Zielsteuerung.Hosting.Testing;

/// <summary>A builder for tests: like the AppHost's, but with a private temporary state directory (deleted on dispose)
/// and no console output.</summary>
public interface IDistributedApplicationTestingBuilder : IDistributedApplicationBuilder
{
    Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default);
}

/// <summary>Creates testing builders, empty or with the topology of an AppHost's <c>Program.cs</c>.</summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>An empty builder: add just the resources the test needs.</summary>
    public static IDistributedApplicationTestingBuilder Create(params string[] args)
    {
        var options = DistributedApplicationOptions.FromArgs(args);
        ApplyTestDefaults(options);
        return new TestingBuilder(DistributedApplication.CreateBuilder(options));
    }

    /// <summary>Runs the entry point of the AppHost assembly that contains <typeparamref name="TEntryPoint"/> (e.g.
    /// <c>Projects.Zielsteuerung_AppHost</c>) up to its <c>builder.Build()</c> and returns its builder, so the test
    /// starts exactly the declared topology — and may add or change resources first.</summary>
    public static Task<IDistributedApplicationTestingBuilder> CreateAsync<TEntryPoint>(string[]? args = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class => CreateAsync(typeof(TEntryPoint), args, cancellationToken);

    public static Task<IDistributedApplicationTestingBuilder> CreateAsync(Type entryPoint, string[]? args = null, CancellationToken cancellationToken = default)
    {
        var main = entryPoint.Assembly.EntryPoint
            ?? throw new ArgumentException($"{entryPoint.Assembly.GetName().Name} has no entry point; pass a type from the AppHost project.", nameof(entryPoint));
        return Task.Run<IDistributedApplicationTestingBuilder>(() =>
        {
            // AsyncLocals set here stay inside this task: parallel tests each capture their own builder.
            IDistributedApplicationBuilder? captured = null;
            DistributedApplication.OptionsInterceptor.Value = ApplyTestDefaults;
            DistributedApplication.BuildInterceptor.Value = builder => captured = builder;
            try
            {
                main.Invoke(null, main.GetParameters().Length == 0 ? [] : [args ?? []]);
            }
            catch (TargetInvocationException e) when (captured is not null && e.InnerException is BuildInterceptedException)
            {
            }
            catch (TargetInvocationException e) when (captured is null && e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }

            return new TestingBuilder(captured
                ?? throw new InvalidOperationException($"{main.DeclaringType?.Assembly.GetName().Name}'s entry point returned without calling builder.Build()."));
        }, cancellationToken);
    }

    private static void ApplyTestDefaults(DistributedApplicationOptions options)
    {
        if (options.StateDirectory is null)
        {
            // Not Path.CreateTempSubdirectory: its mode 0700 would keep the 'postgres' user out.
            var root = Path.Combine(Path.GetTempPath(), "zielsteuerung-hosting");
            Directory.CreateDirectory(root);
            DeleteAbandonedStateDirectories(root);
            options.StateDirectory = Path.Combine(root, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
            options.DeleteStateDirectoryOnDispose = true;
        }

        options.Console = ConsoleMode.None;
        options.StopTimeout = TimeSpan.FromSeconds(10);
        options.RestartDelay = TimeSpan.FromMilliseconds(500);
    }

    /// <summary>Test runs that were killed never disposed their application; their processes died with them (parent-death
    /// signal) but their state directories stay. A directory whose lock no AppHost holds any more is removed.</summary>
    private static void DeleteAbandonedStateDirectories(string root)
    {
        foreach (var directory in Directory.GetDirectories(root))
        {
            if (Directory.GetLastWriteTimeUtc(directory) > DateTime.UtcNow.AddMinutes(-2))
            {
                continue;
            }

            try
            {
                using (new FileStream(Path.Combine(directory, "apphost.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }

                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // in use, or not ours to delete
            }
        }
    }

    private sealed class TestingBuilder(IDistributedApplicationBuilder inner) : IDistributedApplicationTestingBuilder
    {
        public DistributedApplicationOptions Options => inner.Options;

        public IReadOnlyList<IResource> Resources => inner.Resources;

        public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource => inner.AddResource(resource);

        public DistributedApplication Build() => inner.Build();

        public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default) => Task.FromResult(Build());
    }
}
