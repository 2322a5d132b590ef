namespace ValueGuard.Storage.Spool;

/// <summary>
/// What opening the spool found: intact records kept, and what a crash or a bad disk destroyed. A torn
/// tail or a corrupt record is cut out; each damaged region held at least one record, possibly more.
/// </summary>
public sealed record SpoolRecovery(int Segments, long RecordsKept, long LostBytes, int DamagedRegions)
{
    public bool LostAnything => LostBytes > 0;
}
