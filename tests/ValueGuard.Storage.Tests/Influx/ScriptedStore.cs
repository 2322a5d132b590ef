using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Storage.Influx;

namespace ValueGuard.Storage.Tests.Influx;

/// <summary>An <see cref="InfluxTimeSeriesStore"/> on database "plant" of a <see cref="ScriptedInflux"/> that has answered its ping and CREATE DATABASE.</summary>
internal sealed class ScriptedStore : IDisposable
{
    private readonly InfluxDbClient client;

    /// <param name="writes">The answers to the store's write requests, in order.</param>
    public ScriptedStore(params (HttpStatusCode Status, string Body)[] writes)
    {
        Server = new ScriptedInflux()
            .Answer(HttpStatusCode.NoContent) // ping
            .Answer(HttpStatusCode.OK, """{"results":[{"statement_id":0}]}"""); // CREATE DATABASE
        foreach (var (status, body) in writes) Server.Answer(status, body);
        client = new InfluxDbClient(new InfluxDbOptions { BaseAddress = new Uri("http://127.0.0.1:1"), Database = "plant" },
            new InstantDelays(TimeSpan.FromMinutes(1)), NullLogger<InfluxDbClient>.Instance, Server);
        Store = InfluxTimeSeriesStore.Create(client, new InfluxTimeSeriesStoreOptions(), NullLogger<InfluxTimeSeriesStore>.Instance);
    }

    public ScriptedInflux Server { get; }

    public InfluxTimeSeriesStore Store { get; }

    /// <summary>The bodies of the write requests, in order.</summary>
    public List<(Uri Uri, string Body)> Writes => [.. Server.Requests.Where(r => r.Uri.AbsolutePath == "/write").Select(r => (r.Uri, r.Body))];

    public void Dispose() => client.Dispose();
}
