using Zielsteuerung.Hosting.Servers;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var partiesDb = postgres.AddDatabase("parties-db", "parties");
var rabbitmq = builder.AddRabbitMQ("rabbitmq");
var redis = builder.AddRedis("redis");

builder.AddProject<Projects.PartyRegistry_API>("party-registry")
    .WithHttpHealthCheck("/health", endpointName: "http")
    .WithReference(partiesDb).WaitFor(partiesDb)
    .WithReference(rabbitmq).WaitFor(rabbitmq)
    .WithReference(redis).WaitFor(redis);

builder.Build().Run();
