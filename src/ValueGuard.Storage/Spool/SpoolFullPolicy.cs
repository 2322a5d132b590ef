namespace ValueGuard.Storage.Spool;

/// <summary>What the spool does when an append would take it past <see cref="SpoolOptions.MaxBytes"/>.</summary>
public enum SpoolFullPolicy
{
    /// <summary>
    /// Refuse the append with <see cref="SpoolFullException"/>: the caller stops acknowledging MQTT messages,
    /// so the broker keeps them and nothing is dropped by the gateway. The default.
    /// </summary>
    RefuseNewWrites,

    /// <summary>Accept the batch but drop it (the broker considers it delivered); the loss is reported.</summary>
    RejectNewest,

    /// <summary>Delete the oldest segment's unsent records to make room for the new batch; the loss is reported.</summary>
    DropOldest,
}
