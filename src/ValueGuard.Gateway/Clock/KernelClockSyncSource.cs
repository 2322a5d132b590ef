using System.Globalization;
using System.Runtime.InteropServices;

namespace ValueGuard.Gateway.Clock;

/// <summary>
/// The Linux kernel's view of clock synchronisation, read with <c>adjtimex(2)</c> in read-only mode (modes = 0, no
/// privilege needed). Its return value TIME_ERROR (5) means "not synchronised": the kernel sets it while STA_UNSYNC
/// is set, which it does at boot and whenever no NTP/PTP daemon has disciplined the clock for a while (chronyd,
/// ntpd and systemd-timesyncd clear it once synchronised). On other systems the state is <see cref="ClockSyncState.Unknown"/>.
/// </summary>
public sealed partial class KernelClockSyncSource : IClockSyncSource
{
    private const int TimeError = 5;
    private const int StaUnsync = 0x0040;

    // struct timex on 64-bit Linux: int modes (+4 padding), then long offset, freq, maxerror, esterror, then int status.
    private const int MaxErrorOffset64 = 24;
    private const int StatusOffset64 = 40;

    // Larger than struct timex on any architecture (208 bytes on 64-bit), so the kernel never writes past it.
    private const int TimexBytes = 512;

    public ClockSynchronisation Read()
    {
        if (!OperatingSystem.IsLinux()) return ClockSynchronisation.NotReported("adjtimex exists on Linux only");
        Span<byte> timex = stackalloc byte[TimexBytes];
        timex.Clear();
        int state;
        try
        {
            state = Adjtimex(timex);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return ClockSynchronisation.NotReported($"adjtimex is not available: {e.Message}");
        }
        if (state < 0) return ClockSynchronisation.NotReported($"adjtimex failed with errno {Marshal.GetLastPInvokeError()}");
        var detail = $"adjtimex returned {Name(state)}";
        if (Environment.Is64BitProcess)
        {
            var status = BitConverter.ToInt32(timex[StatusOffset64..]);
            var maxErrorUs = BitConverter.ToInt64(timex[MaxErrorOffset64..]);
            detail += string.Create(CultureInfo.InvariantCulture, $", status 0x{status:x4}{((status & StaUnsync) != 0 ? " (STA_UNSYNC)" : "")}, max error {maxErrorUs / 1000.0:0.###} ms");
        }
        return new ClockSynchronisation(state == TimeError ? ClockSyncState.Unsynchronised : ClockSyncState.Synchronised, "adjtimex", detail);
    }

    private static string Name(int state) => state switch
    {
        0 => "TIME_OK",
        1 => "TIME_INS",
        2 => "TIME_DEL",
        3 => "TIME_OOP",
        4 => "TIME_WAIT",
        TimeError => "TIME_ERROR",
        _ => state.ToString(CultureInfo.InvariantCulture),
    };

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    private static partial int Adjtimex(Span<byte> timex);
}
