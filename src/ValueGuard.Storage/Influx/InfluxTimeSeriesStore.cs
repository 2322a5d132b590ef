using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Storage;

namespace ValueGuard.Storage.Influx;

/// <summary>
/// Samples in InfluxDB: measurement <c>samples</c>, tag <c>device</c>, one float field per signal, time to 100 ns.
/// The samples of one device at one instant (one message's readings) share a point, InfluxDB's own advice for
/// measured values: a series per device instead of per signal, and a third of the lines to parse and index.
/// Each write names the coarsest precision that holds its timestamps exactly (whole milliseconds are written as ms).
/// InfluxDB keeps one value per series, field and time, so writing a sample again replaces it and replays from the
/// spool stay idempotent. Queries name the tag as <c>"device"::tag</c> and the field as <c>"…"::field</c>.
/// </summary>
public sealed partial class InfluxTimeSeriesStore : ITimeSeriesStore
{
    private const string DeviceTag = "device";
    private const string ValueColumn = "value";

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
        using var lines = new LineProtocolWriter(precision, samples.Count * 32);
        // The line each sample went into (-1: none, it cannot be stored), to name the samples of a refused line.
        var lineOf = ArrayPool<int>.Shared.Rent(samples.Count);
        try
        {
            Build(samples, lines, lineOf);
            if (lines.LineCount == 0) return;
            var result = await client.WriteAsync(lines.Written, precision, cancellationToken).ConfigureAwait(false);
            // InfluxDB does not say which points it dropped (type conflict, retention): each counts as at least one sample.
            Interlocked.Add(ref rejectedSamples, result.DroppedPoints);
            foreach (var rejected in result.Rejected)
            {
                for (var i = 0; i < samples.Count; i++)
                {
                    if (lineOf[i] != rejected.Index) continue;
                    Interlocked.Increment(ref rejectedSamples);
                    LogSampleRejected(samples[i].Signal.ToString(), samples[i].Timestamp, rejected.Reason);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(lineOf);
        }
    }

    /// <summary>
    /// One line per run of samples with the same device and instant (a signal seen twice in a run starts a new line);
    /// samples line protocol cannot carry get no line and are logged and counted here.
    /// </summary>
    private void Build(IReadOnlyList<Sample> samples, LineProtocolWriter lines, int[] lineOf)
    {
        var open = false;
        var onLine = new List<string>();
        Sample first = default;
        for (var i = 0; i < samples.Count; i++)
        {
            var sample = samples[i];
            if (WhyNotStorable(sample) is { } reason)
            {
                lineOf[i] = -1;
                Interlocked.Increment(ref rejectedSamples);
                LogSampleRejected(sample.Signal.ToString(), sample.Timestamp, reason);
                continue;
            }
            if (!open || sample.Timestamp != first.Timestamp || !string.Equals(sample.Signal.Device, first.Signal.Device, StringComparison.Ordinal)
                || IsOnLine(onLine, sample.Signal.Signal))
            {
                if (open) lines.Timestamp(first.Timestamp);
                lines.Measurement(options.Measurement).Tag(DeviceTag, sample.Signal.Device);
                onLine.Clear();
                first = sample;
                open = true;
            }
            lines.Field(sample.Signal.Signal, sample.Value);
            onLine.Add(sample.Signal.Signal);
            lineOf[i] = lines.LineCount;
        }
        if (open) lines.Timestamp(first.Timestamp);
    }

    private static bool IsOnLine(List<string> onLine, string signal)
    {
        foreach (var name in onLine)
            if (string.Equals(name, signal, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Why line protocol cannot carry a sample in this layout, or null when it can.</summary>
    private static string? WhyNotStorable(Sample sample)
    {
        if (!LineProtocolWriter.CanRepresentName(sample.Signal.Device))
            return "the device name is empty, holds a line break or ends in a backslash";
        if (!LineProtocolWriter.CanRepresentName(sample.Signal.Signal))
            return "the signal name is empty, holds a line break or ends in a backslash";
        if (IsUnreadableFieldKey(sample.Signal.Signal))
            return "the signal name starts with a tab or has a backslash before a comma, '=', space or double quote, which InfluxDB drops from a field name";
        if (IsReservedField(sample.Signal.Signal))
            return $"InfluxDB keeps no field named '{sample.Signal.Signal}' ('time' is its timestamp, '{DeviceTag}' the tag that names the device): rename the signal in the device profile";
        if (!double.IsFinite(sample.Value)) return "InfluxDB stores finite numbers only";
        return null;
    }

    // InfluxDB 1.x takes a backslash before a comma, '=', space or double quote in a field key for an escape and drops it
    // (tag values keep it), and skips a tab before the first field key, so such a name would come back changed.
    private static bool IsUnreadableFieldKey(string signal)
    {
        if (signal.StartsWith('\t')) return true;
        for (var i = signal.IndexOf('\\', StringComparison.Ordinal); i >= 0 && i < signal.Length - 1; i = signal.IndexOf('\\', i + 1))
            if (signal[i + 1] is ',' or '=' or ' ' or '"') return true;
        return false;
    }

    private static bool IsReservedField(string signal) =>
        string.Equals(signal, "time", StringComparison.Ordinal) || string.Equals(signal, DeviceTag, StringComparison.Ordinal);

    public async Task<IReadOnlyList<Sample>> ReadAsync(SignalId signal, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to <= from || !CanStore(signal)) return [];
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {QuoteIdentifier(signal.Signal)}::field AS {QuoteIdentifier(ValueColumn)} FROM {this.from} WHERE {DeviceIs(signal)} AND time >= {LinePrecision.Nanoseconds.ToUnixTime(from)} AND time < {LinePrecision.Nanoseconds.ToUnixTime(to)} ORDER BY time ASC");
        var samples = new List<Sample>();
        await foreach (var series in client.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var timeColumn = IndexOf(series.Columns, "time");
            var valueColumn = IndexOf(series.Columns, ValueColumn);
            foreach (var row in series.Values)
            {
                // A point of the device without this signal has no value here; InfluxDB leaves such rows out, but be sure.
                if (row[valueColumn].ValueKind != System.Text.Json.JsonValueKind.Number) continue;
                samples.Add(new Sample(signal, LinePrecisionExtensions.FromUnixNanoseconds(row[timeColumn].GetInt64()), row[valueColumn].GetDouble()));
            }
        }
        return samples;
    }

    public async Task<DateTimeOffset?> FirstTimestampAsync(SignalId signal, CancellationToken cancellationToken)
    {
        if (!CanStore(signal)) return null;
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var query = string.Create(CultureInfo.InvariantCulture,
            $"SELECT FIRST({QuoteIdentifier(signal.Signal)}::field) FROM {this.from} WHERE {DeviceIs(signal)}");
        await foreach (var series in client.QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            var timeColumn = IndexOf(series.Columns, "time");
            foreach (var row in series.Values)
                return LinePrecisionExtensions.FromUnixNanoseconds(row[timeColumn].GetInt64());
        }
        return null;
    }

    /// <summary>How many samples the measurement holds: of one signal over all devices, or of every signal when null.</summary>
    public async Task<long> CountAsync(string? signal, CancellationToken cancellationToken)
    {
        if (signal is not null && !CanStore(new SignalId("-", signal))) return 0;
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
        var what = signal is null ? "*" : QuoteIdentifier(signal) + "::field";
        long total = 0;
        await foreach (var series in client.QueryAsync($"SELECT COUNT({what}) FROM {from}", cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in series.Values)
            {
                for (var c = 0; c < series.Columns.Count; c++)
                    if (series.Columns[c] != "time" && row[c].ValueKind == System.Text.Json.JsonValueKind.Number) total += row[c].GetInt64();
            }
        }
        return total;
    }

    /// <summary>Whether this layout can store the signal: names line protocol carries, and no field InfluxDB reserves.</summary>
    public static bool CanStore(SignalId signal) =>
        LineProtocolWriter.CanRepresentName(signal.Device) && LineProtocolWriter.CanRepresentName(signal.Signal)
        && !IsUnreadableFieldKey(signal.Signal) && !IsReservedField(signal.Signal);

    private static string DeviceIs(SignalId signal) => $"{QuoteIdentifier(DeviceTag)}::tag = {QuoteString(signal.Device)}";

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
