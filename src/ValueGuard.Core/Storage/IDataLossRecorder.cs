using ValueGuard.Core.Evidence;

namespace ValueGuard.Core.Storage;

/// <summary>Where a component reports samples it accepted and then dropped, so the loss is on record and lowers coverage.</summary>
public interface IDataLossRecorder
{
    /// <summary>Records the loss durably; when the task completes it is on record.</summary>
    Task RecordAsync(DataLossNotice notice, DateTimeOffset at, CancellationToken cancellationToken);
}
