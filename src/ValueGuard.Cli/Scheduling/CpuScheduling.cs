using System.Runtime.InteropServices;

namespace ValueGuard.Cli.Scheduling;

/// <summary>How the gateway's threads compete for the processor with the plant's own processes on the same box.</summary>
internal enum CpuSchedulingMode
{
    /// <summary>Linux's SCHED_BATCH: a full share of the processor, but a thread that wakes up does not preempt a running one.</summary>
    Batch,

    /// <summary>The operating system's default policy.</summary>
    Normal,
}

/// <summary>
/// On a gateway box the MQTT broker (mosquitto, or edgeHub under IoT Edge) often shares the cores with ValueGuard. With
/// the default policy a wake-up of one of the gateway's threads (a message arrived, a write finished) preempted the
/// broker on its core: in the bench, mosquitto lost about 10 % of its time to threads woken on its core while the gateway
/// ran (the gateway's, InfluxDB's and the publisher's), 1 % without it (bench/README.md, round 9). As batch threads, the gateway's work waits for the end of the broker's time
/// slice or for a free core instead; its share of the processor stays the same. Threads inherit the policy from the
/// thread that starts them, so setting it on every thread at start covers the later ones too.
/// </summary>
internal static partial class CpuScheduling
{
    private const int SchedBatch = 3;
    private const int SchedOther = 0;

    /// <summary>Applies the mode to every thread of the process; returns null, or why it could not (the gateway runs on).</summary>
    public static string? Apply(CpuSchedulingMode mode)
    {
        if (!OperatingSystem.IsLinux()) return mode == CpuSchedulingMode.Normal ? null : "batch scheduling exists on Linux only";
        var policy = mode == CpuSchedulingMode.Batch ? SchedBatch : SchedOther;
        var failed = new List<string>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            if (!int.TryParse(Path.GetFileName(task), out var tid)) continue;
            var parameters = new SchedParam { Priority = 0 };
            // A thread that ended meanwhile (ESRCH) needs nothing.
            if (sched_setscheduler(tid, policy, ref parameters) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != 3)
                failed.Add($"thread {tid}: errno {errno}");
        }
        return failed.Count == 0 ? null : string.Join(", ", failed);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [LibraryImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static partial int sched_setscheduler(int pid, int policy, ref SchedParam param);
}
