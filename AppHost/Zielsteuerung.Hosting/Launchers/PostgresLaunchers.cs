using System.Globalization;
using System.Security.Cryptography;
using Npgsql;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Orchestration;

namespace Zielsteuerung.Hosting.Launchers;

internal sealed class PostgresLauncher(PostgresServerResource server, HostContext host) : ResourceLauncher
{
    private const string ServiceUser = "postgres";

    public override string Type => "PostgreSQL";

    public override IEnumerable<string> RequiredTools => ["postgres", "initdb"];

    private string Directory => host.ResourceDirectory(server);

    private string DataDirectory => Path.Combine(Directory, "data");

    private string SocketDirectory => Path.Combine(Directory, "run");

    private string PasswordFile => Path.Combine(Directory, "password");

    /// <summary>The password is generated once per state directory and kept there, so warm starts find their data.</summary>
    public override async Task InitializeAsync(HostContext host, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (File.Exists(PasswordFile))
        {
            server.Password = (await File.ReadAllTextAsync(PasswordFile, cancellationToken).ConfigureAwait(false)).Trim();
            return;
        }

        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            throw new DistributedApplicationException(
                $"'{server.Name}': {DataDirectory} holds a database cluster but its password file {PasswordFile} is gone; start with --fresh to recreate it.");
        }

        server.Password = RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24);
        await File.WriteAllTextAsync(PasswordFile, server.Password, cancellationToken).ConfigureAwait(false);
        NativeMethods.SetMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public override async Task<ProcessLaunch?> PrepareAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(SocketDirectory);
        OwnByServiceUser(Directory);
        OwnByServiceUser(SocketDirectory);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(instance, cancellationToken).ConfigureAwait(false);
        }

        // fsync off: this is a development and test database; a crash of the machine may lose it (--fresh recreates it).
        return new ProcessLaunch(host.Tools.Require("postgres"),
        [
            "-D", DataDirectory, "-p", instance.Ports["tcp"].ToString(CultureInfo.InvariantCulture), "-k", SocketDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        ])
        {
            RunAsUser = ServiceUser,
            StopSignal = NativeMethods.SIGINT,
            Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8" },
        };
    }

    public override async Task<bool> ProbeAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString(server));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1;
    }

    internal static string AdminConnectionString(PostgresServerResource server) =>
        $"{server.GetConnectionString()};Database=postgres;Pooling=false;Timeout=3;Command Timeout=30";

    private async Task InitializeClusterAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(DataDirectory))
        {
            System.IO.Directory.Delete(DataDirectory, recursive: true); // a half-initialised cluster from an interrupted run
        }

        System.IO.Directory.CreateDirectory(DataDirectory);
        NativeMethods.SetMode(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        OwnByServiceUser(DataDirectory);

        // initdb reads the password as the service user, so it gets a copy it can read, removed right after.
        var passwordCopy = Path.Combine(SocketDirectory, "initdb-password");
        await File.WriteAllTextAsync(passwordCopy, server.Password, cancellationToken).ConfigureAwait(false);
        NativeMethods.SetMode(passwordCopy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        OwnByServiceUser(passwordCopy);
        try
        {
            instance.Log.Write($"initdb: creating a database cluster in {DataDirectory}");
            var initdb = await ChildProcess.StartAsync(new ProcessLaunch(host.Tools.Require("initdb"),
            [
                "-D", DataDirectory, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordCopy}",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions",
            ])
            {
                RunAsUser = ServiceUser,
                Environment = new Dictionary<string, string?> { ["LC_ALL"] = "C.UTF-8" },
            }, host.Tools, instance.Log).ConfigureAwait(false);
            int exitCode;
            try
            {
                exitCode = await initdb.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                initdb.Kill();
                throw;
            }

            if (exitCode != 0)
            {
                throw new DistributedApplicationException($"initdb failed with exit code {exitCode}: {string.Join(" | ", instance.Log.Tail(3))}");
            }
        }
        finally
        {
            File.Delete(passwordCopy);
        }
    }

    private static void OwnByServiceUser(string path)
    {
        if (!NativeMethods.IsRoot)
        {
            return;
        }

        var (uid, gid) = ServiceUserIds.Value;
        if (NativeMethods.Chown(path, uid, gid) != 0)
        {
            throw new DistributedApplicationException($"Could not give {path} to user '{ServiceUser}' (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }
    }

    private static readonly Lazy<(uint Uid, uint Gid)> ServiceUserIds = new(() =>
    {
        // PostgreSQL refuses to run as root; Debian's postgresql package creates this user.
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length > 3 && fields[0] == ServiceUser)
            {
                return (uint.Parse(fields[2], CultureInfo.InvariantCulture), uint.Parse(fields[3], CultureInfo.InvariantCulture));
            }
        }

        throw new DistributedApplicationException($"PostgreSQL cannot run as root and there is no user '{ServiceUser}': install postgresql (it creates the user).");
    });
}

/// <summary>A database has no process: it is created on its server (if missing) and is healthy while the server is.</summary>
internal sealed class PostgresDatabaseLauncher(PostgresDatabaseResource database) : ResourceLauncher
{
    public override string Type => "PostgreSQL database";

    public override async Task<ProcessLaunch?> PrepareAsync(ResourceInstance instance, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(PostgresLauncher.AdminConnectionString(database.Server));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database.DatabaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            // The name was checked by AddDatabase (letters, digits, '_' and '-'), so quoting it is enough.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            instance.Log.Write($"created database {database.DatabaseName}");
        }

        return null;
    }

    public override Task<bool> ProbeAsync(ResourceInstance instance, CancellationToken cancellationToken) => Task.FromResult(true);
}
