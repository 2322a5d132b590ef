using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests.Replay;

/// <summary>The public datasets in ../shared/data beside the repository (never edited).</summary>
internal static class SharedData
{
    public static string File(params string[] parts)
    {
        var path = Path.Combine([Path.GetDirectoryName(RepoPaths.Root)!, "shared", "data", .. parts]);
        Assert.True(System.IO.File.Exists(path), $"dataset missing: {path} (shared/ must sit beside the repository)");
        return path;
    }
}
