using System.Globalization;

namespace ValueGuard.EndToEnd;

/// <summary>A process's peak resident memory (VmHWM) and CPU time (utime + stime), read from /proc.</summary>
internal readonly record struct ProcessSample(long PeakRssBytes, double CpuSeconds)
{
    /// <summary>Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        long hwmKb = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            hwmKb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        // Fields after the command name, which is in parentheses and may hold spaces: utime is field 14, stime 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessSample(hwmKb * 1024, ticks / TicksPerSecond);
    }
}
