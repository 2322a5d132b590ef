namespace ValueGuard.Gateway.Hosting;

/// <summary>Where a gateway keeps its data: one folder, one file per store.</summary>
public sealed record GatewayPaths(string DataDirectory)
{
    public string Samples => Path.Combine(DataDirectory, "samples.db");

    public string Commitments => Path.Combine(DataDirectory, "state.db");

    public string Outbox => Path.Combine(DataDirectory, "outbox.db");

    /// <summary>The queue of acknowledgements, snoozes and waivers the CLI writes and the gateway applies.</summary>
    public string OperatorActions => Path.Combine(DataDirectory, "operator-actions.db");

    public string Ledger => Path.Combine(DataDirectory, "ledger.jsonl");

    /// <summary>The store-and-forward spool in front of InfluxDB.</summary>
    public string Spool => Path.Combine(DataDirectory, "spool");
}
