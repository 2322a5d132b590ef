namespace ValueGuard.Storage.Influx;

/// <summary>How samples are laid out in InfluxDB: one measurement, tag <c>device</c>, one float field per signal.</summary>
public sealed record InfluxTimeSeriesStoreOptions
{
    public string Measurement { get; init; } = "samples";

    /// <summary>Run <c>CREATE DATABASE</c> on start (a no-op when it exists); off where the user may not create databases.</summary>
    public bool CreateDatabase { get; init; } = true;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!LineProtocolWriter.CanRepresentName(Measurement) || Measurement.StartsWith('#'))
            problems.Add("influx.measurement must be a non-empty name without line breaks, not starting with '#' or ending in '\\', for example samples");
        return problems;
    }
}
