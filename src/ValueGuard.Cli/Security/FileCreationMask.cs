using System.Runtime.InteropServices;

namespace ValueGuard.Cli.Security;

/// <summary>
/// Everything ValueGuard writes (samples, spool, ledger, outbox, tickets, reports, dead letters) is readable by its
/// own user only: the process sets its file-creation mask to 077 before it creates any file, whatever the shell's
/// umask was. Share a report by copying it, not by loosening the data folder.
/// </summary>
internal static partial class FileCreationMask
{
    private const uint OwnerOnly = 0b000_111_111; // octal 077: no bits for group and others

    public static void ApplyOwnerOnly()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = umask(OwnerOnly);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint umask(uint mask);
}
