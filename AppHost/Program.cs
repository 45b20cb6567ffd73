using Swarm.AppHost.Cluster;
using Swarm.AppHost.Redis;

// The Swarm cluster in one command: dotnet run --project AppHost [-- --silos N] [--redis-data DIR]. Only resources and
// their wiring here.
var builder = DistributedApplication.CreateBuilder(args);
var silos = builder.Configuration.GetValue("silos", 2);
var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
// Redis persists the cluster's grains and reminders here, so a stopped cluster resumes its runs when started again.
var redisData = builder.Configuration["redis-data"] ?? Path.Combine(builder.AppHostDirectory, ".swarm", "redis");

var redis = builder.AddRedisServer("redis", redisData);

var orleans = builder.AddOrleans("orleans")
    .WithClusterId("swarm")
    .WithServiceId("swarm")
    .WithClustering(redis)
    .WithGrainStorage("swarm", redis)
    .WithReminders(redis);

var silo = builder.AddProject<Projects.Swarm_Cli>("silo")
    .WithArgs("serve")
    .WithReference(orleans)
    .WithReplicas(silos)
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Swarm__Dashboard__ScenarioRoot", repository)
    .WaitFor(redis);

builder.AddSwarmCluster("swarm", silo, repository);

builder.Build().Run();
