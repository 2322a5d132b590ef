namespace ValueGuard.Storage;

/// <summary>Files the gateway writes hold plant data and evidence: readable by the service user only.</summary>
public static class FilePermissions
{
    public static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path)) return;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
