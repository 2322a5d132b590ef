namespace ValueGuard.Storage.Spool;

/// <summary>What the spool does when an append would take it past <see cref="SpoolOptions.MaxBytes"/>.</summary>
public enum SpoolFullPolicy
{
    /// <summary>
    /// Refuse the append with <see cref="SpoolFullException"/>: the caller stops acknowledging MQTT messages,
    /// so the broker keeps them and nothing is dropped silently. The only policy so far.
    /// </summary>
    RefuseNewWrites,
}
