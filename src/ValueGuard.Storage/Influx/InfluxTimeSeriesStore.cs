using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Influx;

/// <summary>
/// Samples in InfluxDB: measurement <c>samples</c>, tags <c>device</c> and <c>signal</c>, float field
/// <c>value</c>, time to 100 ns. Each write names the coarsest precision that holds its timestamps exactly
/// (whole milliseconds are written as ms), which InfluxDB reads faster and stores the same. InfluxDB keeps
/// one point per series and time, so writing a sample again replaces it and replays from the spool stay
/// idempotent.
/// </summary>
public sealed partial class InfluxTimeSeriesStore : ITimeSeriesStore
{
    private const string DeviceTag = "device";
    private const string SignalTag = "signal";
    private const string ValueField = "value";

    private readonly InfluxDbClient client;
    private readonly InfluxTimeSeriesStoreOptions options;
    private readonly ILogger logger;
    private readonly string from;
    private long rejectedSamples;
    private volatile bool prepared;

    private InfluxTimeSeriesStore(InfluxDbClient client, InfluxTimeSeriesStoreOptions options, ILogger logger)
    {
        this.client = client;
        this.options = options;
        this.logger = logger;
        var rp = client.Options.RetentionPolicy;
        from = rp is null
            ? QuoteIdentifier(options.Measurement)
            : $"{QuoteIdentifier(client.Options.Database)}.{QuoteIdentifier(rp)}.{QuoteIdentifier(options.Measurement)}";
    }

    /// <summary>Samples InfluxDB refused or that line protocol cannot carry, since start; each one is logged.</summary>
    public long RejectedSamples => Interlocked.Read(ref rejectedSamples);

    /// <summary>Checks InfluxDB answers and creates the database when asked to; throws when it does not answer.</summary>
    public static async Task<InfluxTimeSeriesStore> StartAsync(InfluxDbClient client, InfluxTimeSeriesStoreOptions options, ILogger<InfluxTimeSeriesStore> logger, CancellationToken cancellationToken)
    {
        var store = Create(client, options, logger);
        await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>
    /// A store that has not talked to InfluxDB yet: it checks the server and creates the database on its first
    /// write or query, so a gateway can start (and spool) while InfluxDB is still down after a power cut.
    /// </summary>
    public static InfluxTimeSeriesStore Create(InfluxDbClient client, InfluxTimeSeriesStoreOptions options, ILogger<InfluxTimeSeriesStore> logger)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException("Invalid InfluxDB store settings: " + string.Join("; ", problems));
        return new InfluxTimeSeriesStore(client, options, logger);
    }

    /// <summary>Tries <see cref="PrepareAsync"/> once; false (and a warning) when InfluxDB does not answer yet.</summary>
    public async Task<bool> TryPrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PrepareAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (InfluxException ex)
        {
            LogUnavailable(client.Options.BaseAddress.GetLeftPart(UriPartial.Authority), ex.Message);
            return false;
        }
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (prepared) return;
        var version = await client.PingAsync(cancellationToken).ConfigureAwait(false);
        if (options.CreateDatabase)
            await client.ExecuteAsync("CREATE DATABASE " + QuoteIdentifier(client.Options.Database), cancellationToken).ConfigureAwait(false);
        prepared = true;
        LogStarted(client.Options.BaseAddress.GetLeftPart(UriPartial.Authority), version, client.Options.Database, options.Measurement);
    }

    public async Task WriteAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0) return;
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var precision = LinePrecisionExtensions.CoarsestExact(samples, s => s.Timestamp);
        using var lines = new LineProtocolWriter(precision, samples.Count * 64);
        List<int>? abandoned = null; // samples line protocol cannot carry (rare): no line, so line numbers skip them
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            try
            {
                lines.Measurement(options.Measurement)
                    .Tag(DeviceTag, sample.Signal.Device)
                    .Tag(SignalTag, sample.Signal.Signal)
                    .Field(ValueField, sample.Value)
                    .Timestamp(sample.Timestamp);
            }
            catch (ArgumentException ex)
            {
                // Retrying cannot help a sample line protocol cannot carry; keep the rest of the batch moving.
                lines.AbandonLine();
                (abandoned ??= []).Add(i);
                Interlocked.Increment(ref rejectedSamples);
                LogSampleRejected(sample.Signal.ToString(), sample.Timestamp, ex.Message);
            }
        }
        if (lines.LineCount == 0) return;
        var result = await client.WriteAsync(lines.Written, precision, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref rejectedSamples, result.Rejected.Count + result.DroppedPoints);
        foreach (var rejected in result.Rejected)
        {
            var index = rejected.Index;
            foreach (var skipped in abandoned ?? []) if (skipped <= index) index++;
            var sample = samples[index];
            LogSampleRejected(sample.Signal.ToString(), sample.Timestamp, rejected.Reason);
        }
    }

    public async Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to <= from || !LineProtocolWriter.CanRepresentName(signal.Device) || !LineProtocolWriter.CanRepresentName(signal.Signal)) return [];
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {QuoteIdentifier(ValueField)} FROM {this.from} WHERE {QuoteIdentifier(DeviceTag)} = {QuoteString(signal.Device)} AND {QuoteIdentifier(SignalTag)} = {QuoteString(signal.Signal)} AND time >= {LinePrecision.Nanoseconds.ToUnixTime(from)} AND time < {LinePrecision.Nanoseconds.ToUnixTime(to)} ORDER BY time ASC");
        var samples = new List<Sample>();
        await foreach (var series in client.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var timeColumn = IndexOf(series.Columns, "time");
            var valueColumn = IndexOf(series.Columns, ValueField);
            foreach (var row in series.Values)
                samples.Add(new Sample(signal, LinePrecisionExtensions.FromUnixNanoseconds(row[timeColumn].GetInt64()), row[valueColumn].GetDouble()));
        }
        return samples;
    }

    public async Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken)
    {
        if (!LineProtocolWriter.CanRepresentName(signal.Device) || !LineProtocolWriter.CanRepresentName(signal.Signal)) return null;
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"SELECT FIRST({QuoteIdentifier(ValueField)}) FROM {this.from} WHERE {QuoteIdentifier(DeviceTag)} = {QuoteString(signal.Device)} AND {QuoteIdentifier(SignalTag)} = {QuoteString(signal.Signal)}");
        await foreach (var series in client.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var timeColumn = IndexOf(series.Columns, "time");
            foreach (var row in series.Values)
                return LinePrecisionExtensions.FromUnixNanoseconds(row[timeColumn].GetInt64());
        }
        return null;
    }

    /// <summary>An InfluxQL identifier in double quotes: backslash and double quote escaped.</summary>
    public static string QuoteIdentifier(string name) => "\"" + Escape(name, '"') + "\"";

    /// <summary>An InfluxQL string literal in single quotes: backslash and single quote escaped.</summary>
    public static string QuoteString(string text) => "'" + Escape(text, '\'') + "'";

    private static string Escape(string text, char quote)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c == '\\' || c == quote) escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
            if (columns[i] == name) return i;
        throw new InfluxException($"InfluxDB answered without a '{name}' column (columns: {string.Join(", ", columns)}).");
    }

    [LoggerMessage(EventId = 4011, EventName = "InfluxStoreStarted", Level = LogLevel.Information,
        Message = "InfluxDB {Version} at {Server}: samples go to database {Database}, measurement {Measurement}")]
    private partial void LogStarted(string server, string version, string database, string measurement);

    [LoggerMessage(EventId = 4013, EventName = "InfluxUnavailable", Level = LogLevel.Warning,
        Message = "InfluxDB at {Server} does not answer yet ({Reason}); samples wait in the spool until it does")]
    private partial void LogUnavailable(string server, string reason);

    [LoggerMessage(EventId = 4012, EventName = "InfluxSampleRejected", Level = LogLevel.Error,
        Message = "Sample {SignalId} at {Timestamp} cannot be stored in InfluxDB and is lost: {Reason}")]
    private partial void LogSampleRejected(string signalId, DateTimeOffset timestamp, string reason);
}
