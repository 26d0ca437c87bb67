using Zielsteuerung.AppHost;
using Zielsteuerung.Hosting.Servers;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var identityDb = postgres.AddDatabase("identity-db", "identity");
var partiesDb = postgres.AddDatabase("parties-db", "parties");
var agreementsDb = postgres.AddDatabase("agreements-db", "agreements");
var kpiDb = postgres.AddDatabase("kpi-db", "kpi");
var monitoringDb = postgres.AddDatabase("monitoring-db", "monitoring");
var rabbitmq = builder.AddRabbitMQ("rabbitmq");
var redis = builder.AddRedis("redis");

var identity = builder.AddProject<Projects.Identity_API>("identity")
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReference(identityDb).WaitFor(identityDb)
    .WithIssuer()
    .WithDevelopmentClients();

var partyRegistry = builder.AddProject<Projects.PartyRegistry_API>("party-registry")
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReference(identity).WaitFor(identity)
    .WithReference(partiesDb).WaitFor(partiesDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(redis).WaitFor(redis);

var agreements = builder.AddProject<Projects.Agreements_API>("agreements")
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReference(identity).WaitFor(identity)
    .WithServiceClientSecret(identity, "agreements-service")
    .WithReference(partyRegistry).WaitFor(partyRegistry)
    .WithReference(agreementsDb).WaitFor(agreementsDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(redis).WaitFor(redis);

var kpiIngestion = builder.AddProject<Projects.Kpi_Ingestion_API>("kpi-ingestion")
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReference(identity).WaitFor(identity)
    .WithServiceClientSecret(identity, "kpi-service")
    .WithReference(partyRegistry).WaitFor(partyRegistry)
    .WithReference(kpiDb).WaitFor(kpiDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(redis).WaitFor(redis);

// Replicas share the work of the events (competing consumers) and each tells its own watchers every change.
var monitoringReplicas = int.TryParse(builder.Configuration["Monitoring:Replicas"], out var replicas) ? replicas : 1;
var monitoring = builder.AddProject<Projects.Monitoring_API>("monitoring")
    .WithReplicas(monitoringReplicas)
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReference(identity).WaitFor(identity)
    .WithServiceClientSecret(identity, "monitoring-service")
    .WithReference(partyRegistry).WaitFor(partyRegistry)
    .WithReference(agreements).WaitFor(agreements)
    .WithReference(kpiIngestion).WaitFor(kpiIngestion)
    .WithReference(monitoringDb).WaitFor(monitoringDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(redis).WaitFor(redis);

agreements.WithDemoDataCommand(identity, kpiIngestion, monitoring);

// The identity service asks the registry whether a new client's party exists (it does not wait for it).
identity.WithReference(partyRegistry);

builder.Build().Run();
