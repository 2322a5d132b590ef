namespace ValueGuard.Storage.Spool;

/// <summary>
/// What opening the spool found: intact records kept, and what a crash or a bad disk destroyed. A torn
/// tail or a corrupt record is cut out; each damaged region held at least one record, possibly more.
/// The cut records whose bounds were still readable are counted (<see cref="RecordsCut"/>), with their samples where their
/// layout was intact (<see cref="SamplesCut"/>); the rest is only known in bytes (<see cref="UncountedBytes"/>).
/// </summary>
public sealed record SpoolRecovery(int Segments, long RecordsKept, long LostBytes, int DamagedRegions)
{
    public bool LostAnything => LostBytes > 0;

    /// <summary>Whole records cut whose bounds could still be read.</summary>
    public long RecordsCut { get; init; }

    /// <summary>Samples in the <see cref="RecordsCut"/> records whose layout was intact.</summary>
    public long SamplesCut { get; init; }

    /// <summary>Cut bytes whose records or samples could not be counted (torn, or a damaged length or layout); 0 means <see cref="SamplesCut"/> is the whole loss.</summary>
    public long UncountedBytes { get; init; }
}
