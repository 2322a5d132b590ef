namespace ValueGuard.Storage.Spool;

/// <summary>When the spool forces appended records from the OS cache to the disk.</summary>
public enum SpoolFsyncPolicy
{
    /// <summary>Before every append returns: nothing acknowledged is lost to a power cut. The default.</summary>
    EveryBatch,

    /// <summary>At most once per <see cref="SpoolOptions.FsyncInterval"/>: faster on slow flash, but a power cut loses up to one interval.</summary>
    Interval,
}
