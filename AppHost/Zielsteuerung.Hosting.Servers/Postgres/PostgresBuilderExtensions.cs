using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Zielsteuerung.Hosting.Servers;

/// <summary>PostgreSQL as an executable resource: <c>AddPostgres(…).AddDatabase(…)</c>, as Aspire.Hosting.PostgreSQL offers it for containers.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>
    /// A PostgreSQL server on a loopback port Aspire allocates (or <paramref name="port"/>), its cluster under the
    /// state directory (initdb on first start). Healthy once it answers over its Unix socket; when it is first ready
    /// the superuser gets the password parameter's value and the databases of <see cref="AddDatabase"/> are created.
    /// </summary>
    /// <param name="password">The superuser's password; by default a generated secret parameter <c>&lt;name&gt;-password</c>.</param>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name,
        IResourceBuilder<ParameterResource>? password = null, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var programs = ServerResources.Programs(builder);
        var passwordParameter = password?.Resource ?? ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var postgresProgram = programs.FindOrName("postgres");
        var server = new PostgresServerResource(name,
            PostgresServerResource.RunsAsServiceUser ? programs.FindOrName("setpriv") : postgresProgram,
            ServerResources.DataDirectoryFor(builder, name), passwordParameter);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            await InitializeClusterAsync(server, programs, log, cancellationToken).ConfigureAwait(false);
        });
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            MirrorStateToDatabases(server, @event.Model.Resources.OfType<PostgresDatabaseResource>().Where(db => db.Parent == server).ToList(), @event.Services);
            return Task.CompletedTask;
        });
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
            await PrepareAsync(server, builder.Resources.OfType<PostgresDatabaseResource>().Where(db => db.Parent == server), log, cancellationToken)
                .ConfigureAwait(false);
        });

        return ServerResources.AddServer(builder, server, port)
            .WithArgs(context =>
            {
                foreach (var argument in PostgresServerResource.ServiceUserArguments(postgresProgram))
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("-D");
                context.Args.Add(server.ClusterDirectory);
                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.Port));
                context.Args.Add("-k");
                context.Args.Add(server.SocketDirectory);
                // A development and test server: fast, and its data survives AppHost restarts, not a machine crash.
                foreach (var setting in (string[])[$"listen_addresses={ServerResources.Loopback}", "max_connections=200", "fsync=off",
                             "synchronous_commit=off", "full_page_writes=off"])
                {
                    context.Args.Add("-c");
                    context.Args.Add(setting);
                }
            })
            .WithEnvironment("LC_ALL", "C.UTF-8")
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(async cancellationToken =>
            {
                await using var connection = new NpgsqlConnection(await server.AdministrationConnectionStringAsync(cancellationToken).ConfigureAwait(false));
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            });
    }

    /// <summary>A database on the server, created (if missing) when the server is first ready; healthy once it accepts the password.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, [ResourceName] string name,
        string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var database = new PostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        return builder.ApplicationBuilder.AddResource(database).WithIconName("Database").WithHealthCheck(async cancellationToken =>
        {
            var connectionString = await database.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false;Timeout=5");
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        });
    }

    /// <summary>
    /// A database has no process of its own: it shows its server's state (as Aspire does for a container's databases),
    /// so that its health check runs while the server runs.
    /// </summary>
    private static void MirrorStateToDatabases(PostgresServerResource server, IReadOnlyList<PostgresDatabaseResource> databases, IServiceProvider services)
    {
        if (databases.Count == 0)
        {
            return;
        }

        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var stopping = services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in notifications.WatchAsync(stopping).ConfigureAwait(false))
                {
                    if (update.Resource != server)
                    {
                        continue;
                    }

                    foreach (var database in databases)
                    {
                        await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                        {
                            State = update.Snapshot.State,
                            StartTimeStamp = update.Snapshot.StartTimeStamp,
                            StopTimeStamp = update.Snapshot.StopTimeStamp,
                        }).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // the application stops
            }
        }, CancellationToken.None);
    }

    private static async Task InitializeClusterAsync(PostgresServerResource server, ServerPrograms programs, ILogger log, CancellationToken cancellationToken)
    {
        ServerResources.CreateTraversable(server.SocketDirectory);
        OwnByServiceUser(server.DataDirectory);
        OwnByServiceUser(server.SocketDirectory);
        if (File.Exists(Path.Combine(server.ClusterDirectory, "PG_VERSION")))
        {
            return;
        }

        if (Directory.Exists(server.ClusterDirectory))
        {
            Directory.Delete(server.ClusterDirectory, recursive: true); // a half-made cluster from an interrupted start
        }

        log.LogInformation("initdb: creating a database cluster in {Directory}", server.ClusterDirectory);
        // The password is set when the server is ready (it may change between runs); until then only the socket is trusted.
        await RunAsync(programs.FindOrName("initdb"), programs,
            ["-D", server.ClusterDirectory, "-U", PostgresServerResource.UserName, "--auth-local=trust", "--auth-host=scram-sha-256",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"], log, cancellationToken).ConfigureAwait(false);
    }

    private static async Task PrepareAsync(PostgresServerResource server, IEnumerable<PostgresDatabaseResource> databases, ILogger log,
        CancellationToken cancellationToken)
    {
        var password = await server.PasswordParameter.GetValueAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new DistributedApplicationException($"The parameter '{server.PasswordParameter.Name}' has no value.");
        await using var connection = new NpgsqlConnection(await server.AdministrationConnectionStringAsync(cancellationToken).ConfigureAwait(false));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var alter = new NpgsqlCommand($"ALTER ROLE {PostgresServerResource.UserName} PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.DatabaseName } } };
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            log.LogInformation("Creating database {Database}", database.DatabaseName);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(string program, ServerPrograms programs, IReadOnlyList<string> arguments, ILogger log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = PostgresServerResource.RunsAsServiceUser ? programs.FindOrName("setpriv") : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LC_ALL"] = "C.UTF-8" },
        };
        foreach (var argument in PostgresServerResource.ServiceUserArguments(program).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new DistributedApplicationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in (await output.ConfigureAwait(false) + await error.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            log.LogInformation("{Line}", line);
        }

        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"{Path.GetFileName(program)} failed with exit code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}; its output is in the resource's console log.");
        }
    }

    private static void OwnByServiceUser(string path)
    {
        if (!PostgresServerResource.RunsAsServiceUser)
        {
            return;
        }

        using var chown = Process.Start("chown", [$"{PostgresServerResource.UserName}:{PostgresServerResource.UserName}", path])
            ?? throw new DistributedApplicationException("Could not start chown.");
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new DistributedApplicationException($"Could not give {path} to the user '{PostgresServerResource.UserName}' (is the postgresql package installed?).");
        }
    }
}
