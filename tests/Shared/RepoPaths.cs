namespace ValueGuard.Testing;

/// <summary>Finds the repository from a test's output folder, for the shipped profiles and examples.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string DeviceProfiles => Path.Combine(Root, "device-profiles");

    public static string Examples => Path.Combine(Root, "deployment", "examples");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ValueGuard.sln"))) return dir.FullName;
        throw new InvalidOperationException($"ValueGuard.sln not found above {AppContext.BaseDirectory}");
    }
}
