using ValueGuard.IntegrationTests.Servers;

namespace ValueGuard.IntegrationTests.Faults.Chaos;

/// <summary>The fault suite's tests run one after another: each starts and kills gateway processes on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<MosquittoBroker>, ICollectionFixture<InfluxServer>, ICollectionFixture<RedmineServer>
{
    public const string Name = "fault suite (mosquitto + InfluxDB + Redmine, gateway processes)";
}
