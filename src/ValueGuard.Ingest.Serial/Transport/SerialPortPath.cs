namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>
/// Where a stable port name (<c>/dev/serial/by-id/…</c>, a udev symlink) points now. The gateway opens the stable
/// name each time, so the kernel follows the link to whatever tty the adapter got after re-enumeration; the target is
/// only logged, so an operator can see which tty a bus is on.
/// </summary>
public static class SerialPortPath
{
    /// <summary>
    /// Whether the name survives re-enumeration: a udev link (<c>/dev/serial/by-id/…</c>, <c>by-path</c>, or a site's
    /// own rule) rather than a kernel name such as <c>/dev/ttyUSB0</c>, which goes to whichever adapter came first.
    /// </summary>
    public static bool IsStable(string path)
    {
        if (path.StartsWith("/dev/serial/", StringComparison.Ordinal)) return true;
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The final target of <paramref name="path"/> when it is a symlink, the path itself otherwise, or null when it does not exist.</summary>
    public static string? Resolve(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
