namespace ValueGuard.Testing;

/// <summary>Finds a program the serial tests drive. Missing tools fail the test with what to install; they never skip it.</summary>
internal static class ExternalTool
{
    public static string Require(string program, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            $"{program} is needed for the serial pseudo-terminal tests: run ./test.sh (it installs it) or apt-get install {debianPackage}.");
    }
}
