namespace ValueGuard.Testing;

/// <summary>Finds a program a test drives (socat, mbpoll, chromium, pdftotext…). Missing tools fail the test with what to install; they never skip it.</summary>
internal static class ExternalTool
{
    public static string Require(string program, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            $"{program} is needed by this test: run ./test.sh (it installs it) or apt-get install {debianPackage}.");
    }
}
