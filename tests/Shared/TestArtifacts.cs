namespace ValueGuard.Testing;

/// <summary>
/// Where tests leave files for people to look at (screenshots of the report and the web UI): TestResults/artifacts
/// under the repository, kept after the run (ignored by git).
/// </summary>
internal static class TestArtifacts
{
    public static string Directory { get; } = Create();

    public static string File(string name) => Path.Combine(Directory, name);

    private static string Create()
    {
        var dir = Path.Combine(RepoPaths.Root, "TestResults", "artifacts");
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}
