using ValueGuard.Configuration.Yaml;

namespace ValueGuard.Configuration.Sites;

/// <summary>Reads <c>store.spool</c> of a site: limits, the policy when full, fsync; errors name file:line:column.</summary>
internal static class SpoolSectionReader
{
    public static SpoolConfig Read(MappingReader store)
    {
        var defaults = new SpoolConfig();
        if (store.Mapping("spool") is not { } node) return defaults;
        var r = new MappingReader(node, "store.spool", store.Errors, "max_bytes", "max_age", "when_full", "fsync", "fsync_interval", "segment_bytes",
            "max_samples_per_write", "forward_linger");
        var maxBytes = r.ByteSize("max_bytes") ?? defaults.MaxBytes;
        var segmentBytes = r.ByteSize("segment_bytes") ?? defaults.SegmentBytes;
        var maxAge = r.Duration("max_age");
        var whenFull = Named(r, "when_full", SpoolConfig.WhenFullNames) ?? defaults.WhenFull;
        var fsync = Named(r, "fsync", SpoolConfig.FsyncNames) ?? defaults.Fsync;
        var interval = r.Duration("fsync_interval") ?? defaults.FsyncInterval;
        var perWrite = r.Number("max_samples_per_write");
        var linger = r.Duration("forward_linger") ?? defaults.ForwardLinger;

        if (segmentBytes < 4096 && r.Get("segment_bytes") is { } seg)
            r.Errors.Add(seg, $"store.spool: 'segment_bytes' must be at least 4096 (is {segmentBytes})", "write 8MB, the default, unless the disk is tiny");
        if (maxBytes < segmentBytes && r.Get("max_bytes") is { } max)
            r.Errors.Add(max, $"store.spool: 'max_bytes' ({maxBytes}) is smaller than one segment ({segmentBytes} bytes)", "raise max_bytes or lower segment_bytes");
        else if (whenFull == "drop_oldest" && maxBytes < 2 * segmentBytes)
            r.Errors.Add(r.Get("max_bytes") ?? r.Get("when_full") ?? node, $"store.spool: drop_oldest needs 'max_bytes' ({maxBytes}) of at least two segments ({2 * segmentBytes} bytes), so one drop frees at most half the spool",
                "raise max_bytes or lower segment_bytes");
        if (maxAge is { } age && age <= TimeSpan.Zero && r.Get("max_age") is { } a)
            r.Errors.Add(a, "store.spool: 'max_age' must be positive", "write a duration such as 7d, or leave it out to keep unsent data until it is sent");
        if (interval <= TimeSpan.Zero && r.Get("fsync_interval") is { } i)
            r.Errors.Add(i, "store.spool: 'fsync_interval' must be positive", "write a duration such as 1s");
        if (perWrite is { } n && (n < 1 || n > MaxSamplesPerWriteLimit || n != Math.Floor(n)) && r.Get("max_samples_per_write") is { } w)
        {
            r.Errors.Add(w, $"store.spool: 'max_samples_per_write' must be a whole number from 1 to {MaxSamplesPerWriteLimit} (is {n})",
                "write 20000, the default, or 5000 for a small InfluxDB");
            perWrite = null;
        }
        if (linger > TimeSpan.FromSeconds(10) && r.Get("forward_linger") is { } l)
            r.Errors.Add(l, "store.spool: 'forward_linger' must be at most 10s", "write a short duration such as 50ms, or 0s to forward at once");
        return new SpoolConfig
        {
            MaxBytes = maxBytes, SegmentBytes = segmentBytes, MaxAge = maxAge, WhenFull = whenFull, Fsync = fsync, FsyncInterval = interval,
            MaxSamplesPerWrite = perWrite is { } p ? (int)p : defaults.MaxSamplesPerWrite,
            ForwardLinger = linger,
        };
    }

    /// <summary>A write this large is already far past where InfluxDB gains from joining points.</summary>
    public const int MaxSamplesPerWriteLimit = 1_000_000;

    private static string? Named(MappingReader r, string key, IReadOnlyList<string> names)
    {
        if (r.Scalar(key) is not { } scalar) return null;
        if (names.Contains(scalar.Value)) return scalar.Value;
        var close = KeyMatcher.Closest(scalar.Value ?? "", names);
        r.Errors.Add(scalar, $"store.spool: '{key}' value '{scalar.Value}' is not known", close is null ? $"use one of {string.Join(", ", names)}" : $"did you mean '{close}'? (one of {string.Join(", ", names)})");
        return null;
    }
}
