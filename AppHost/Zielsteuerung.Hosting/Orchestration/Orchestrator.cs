using System.Text.Json;
using Zielsteuerung.Hosting.ApplicationModel;
using Zielsteuerung.Hosting.Launchers;

namespace Zielsteuerung.Hosting.Orchestration;

/// <summary>Checks prerequisites and ports, starts every resource (each waits for its dependencies), stops them in
/// reverse dependency order.</summary>
internal sealed class Orchestrator
{
    private readonly IReadOnlyList<IResource> resources;
    private readonly Lock stateFileGate = new();
    private readonly Lock stateFileWriteGate = new();
    private Timer? stateFileTimer;
    private bool started;

    public Orchestrator(IReadOnlyList<IResource> resources, HostContext host)
    {
        this.resources = resources;
        Host = host;
        Validate(resources);
        foreach (var resource in resources)
        {
            var launcher = CreateLauncher(resource);
            var replicas = resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
            for (var i = 0; i < replicas; i++)
            {
                var instance = new ResourceInstance(host, resource, i, replicas, launcher);
                host.Add(instance);
                host.Notifications.Publish(instance.Snapshot);
            }
        }
    }

    public HostContext Host { get; }

    /// <summary>Prerequisites and ports were fine and the resources were started.</summary>
    public bool Launched { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (started)
        {
            throw new InvalidOperationException("The application was already started.");
        }

        started = true;
        foreach (var instance in Host.Instances)
        {
            instance.Log.Open();
        }

        CheckPrerequisites();
        AllocatePorts();
        foreach (var launcher in Host.Instances.Select(i => i.Launcher).Distinct())
        {
            await launcher.InitializeAsync(Host, cancellationToken).ConfigureAwait(false);
        }

        foreach (var instance in Host.Instances)
        {
            instance.PublishEndpoints();
        }

        Host.Notifications.SnapshotChanged += _ => ScheduleStateFile();
        Launched = true;
        foreach (var instance in Host.Instances)
        {
            await instance.StartAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops every resource after all resources that use it have stopped.</summary>
    public async Task StopAsync()
    {
        var stopping = new Dictionary<IResource, Task>();
        Task Stop(IResource resource)
        {
            if (!stopping.TryGetValue(resource, out var task))
            {
                var dependents = resources.Where(r => HostContext.StopDependencies(r).Contains(resource)).ToList();
                stopping[resource] = task = StopAfterAsync(resource, dependents.Select(Stop).ToList());
            }

            return task;
        }

        await Task.WhenAll(resources.Select(Stop).ToList()).ConfigureAwait(false);
        WriteStateFile();
    }

    public ResourceInstance Instance(string resourceName, int replica = 0) =>
        Host.Instances.FirstOrDefault(i => i.Resource.Name == resourceName && i.Replica == replica)
        ?? throw new ArgumentException($"There is no resource named '{resourceName}' (replica {replica}).", nameof(resourceName));

    public IResource Resource(string name) =>
        resources.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"There is no resource named '{name}'.", nameof(name));

    private async Task StopAfterAsync(IResource resource, IReadOnlyList<Task> dependents)
    {
        await Task.WhenAll(dependents).ConfigureAwait(false);
        await Task.WhenAll(Host.InstancesOf(resource).Select(i => i.StopAsync())).ConfigureAwait(false);
    }

    /// <summary>References and waits must stay inside the application and must not form a cycle (nothing could start,
    /// and there would be no order to stop in).</summary>
    private static void Validate(IReadOnlyList<IResource> resources)
    {
        foreach (var resource in resources)
        {
            foreach (var dependency in HostContext.StopDependencies(resource).Where(d => !resources.Contains(d)))
            {
                throw new DistributedApplicationException($"'{resource.Name}' refers to '{dependency.Name}', which belongs to another application.");
            }
        }

        var done = new HashSet<IResource>();
        var path = new List<IResource>();
        void Visit(IResource resource)
        {
            if (path.Contains(resource))
            {
                var cycle = path.Skip(path.IndexOf(resource)).Append(resource).Select(r => r.Name);
                throw new DistributedApplicationException($"Resources depend on each other in a cycle: {string.Join(" -> ", cycle)}.");
            }

            if (done.Add(resource))
            {
                path.Add(resource);
                foreach (var dependency in HostContext.StopDependencies(resource))
                {
                    Visit(dependency);
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        foreach (var resource in resources)
        {
            Visit(resource);
        }
    }

    private ResourceLauncher CreateLauncher(IResource resource) => resource switch
    {
        RedisResource redis => new RedisLauncher(redis, Host),
        RabbitMQServerResource broker => new RabbitMQLauncher(broker,
            resources.OfType<ErlangPortMapperResource>().Single(e => e.Parent == broker), Host),
        ErlangPortMapperResource => new EpmdLauncher(Host),
        PostgresServerResource server => new PostgresLauncher(server, Host),
        PostgresDatabaseResource database => new PostgresDatabaseLauncher(database),
        ProjectResource project => new ProjectLauncher(project, Host),
        _ => throw new DistributedApplicationException($"Resource '{resource.Name}' of type {resource.GetType().Name} cannot be launched."),
    };

    private void CheckPrerequisites()
    {
        var missing = Host.Instances
            .SelectMany(i => i.Launcher.RequiredTools.Concat(["setsid", "setpriv"]).Select(t => (Tool: t, NeededBy: i.Resource.Name)))
            .Where(m => Host.Tools.Find(m.Tool) is null)
            .GroupBy(m => m.Tool)
            .Select(g => (g.Key, string.Join("', '", g.Select(m => m.NeededBy).Distinct())))
            .ToList();
        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(Tools.MissingMessage(missing));
        }
    }

    private void AllocatePorts()
    {
        var conflicts = new List<string>();
        foreach (var instance in Host.Instances)
        {
            foreach (var endpoint in instance.Resource.Annotations.OfType<EndpointAnnotation>())
            {
                if (endpoint.Port is { } fixedPort)
                {
                    if (Host.InstancesOf(instance.Resource).Count > 1)
                    {
                        throw new DistributedApplicationException(
                            $"'{instance.Resource.Name}' has replicas, so its endpoint '{endpoint.Name}' cannot have the fixed port {fixedPort}.");
                    }

                    if (!Ports.IsFree(fixedPort))
                    {
                        conflicts.Add($"  - port {fixedPort} of '{instance.Name}' (endpoint '{endpoint.Name}') is already in use on 127.0.0.1");
                    }

                    instance.Ports[endpoint.Name] = fixedPort;
                }
                else
                {
                    instance.Ports[endpoint.Name] = Ports.AllocateFree();
                }
            }
        }

        if (conflicts.Count > 0)
        {
            throw new DistributedApplicationException(
                "Ports already taken:" + Environment.NewLine + string.Join(Environment.NewLine, conflicts) + Environment.NewLine +
                "Stop what listens there (see: ss -ltnp) or choose other ports.");
        }

        foreach (var instance in Host.Instances.Where(i => i.Replica == 0))
        {
            switch (instance.Resource)
            {
                case RedisResource redis: redis.AllocatedPort = instance.Ports["tcp"]; break;
                case RabbitMQServerResource broker: broker.AllocatedPort = instance.Ports["tcp"]; break;
                case PostgresServerResource server: server.AllocatedPort = instance.Ports["tcp"]; break;
            }
        }
    }

    private void ScheduleStateFile()
    {
        lock (stateFileGate)
        {
            stateFileTimer ??= new Timer(_ =>
            {
                lock (stateFileGate)
                {
                    stateFileTimer?.Dispose();
                    stateFileTimer = null;
                }

                WriteStateFile();
            }, null, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary><c>&lt;state&gt;/apphost.json</c>: who runs where, for tools and tests (e.g. to verify that nothing is left).</summary>
    private void WriteStateFile()
    {
        lock (stateFileWriteGate)
        {
            WriteStateFileCore();
        }
    }

    private void WriteStateFileCore()
    {
        var state = new
        {
            apphostPid = Environment.ProcessId,
            resources = Host.Instances.Select(i => new
            {
                name = i.Name,
                resource = i.Resource.Name,
                type = i.Snapshot.Type,
                state = i.Snapshot.State.ToString(),
                health = i.Snapshot.Health.ToString(),
                restarts = i.Snapshot.Restarts,
                pid = i.Snapshot.ProcessId,
                ports = i.Ports,
                log = i.Log.Path,
            }),
        };
        try
        {
            var path = Path.Combine(Host.StateDirectory, "apphost.json");
            File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(state, new JsonSerializerOptions { WriteIndented = true }));
            File.Move(path + ".tmp", path, overwrite: true);
        }
        catch (IOException)
        {
            // the state directory may be going away (tests delete it on dispose)
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
