using System.Diagnostics;

namespace ValueGuard.Reporting.Pdf;

/// <summary>
/// Prints a report's HTML to PDF with headless Chromium (Debian's <c>chromium</c> package): the HTML is the
/// single source of the layout, so the PDF shows exactly what the HTML shows. Chromium runs with a
/// throw-away profile and no network use beyond the local file.
/// </summary>
public sealed class ChromiumPdfRenderer
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private readonly string executable;
    private readonly TimeSpan timeout;

    public ChromiumPdfRenderer(string? executable = null, TimeSpan? timeout = null)
    {
        this.executable = executable ?? Environment.GetEnvironmentVariable("VALUEGUARD_CHROMIUM") ?? DefaultExecutable;
        this.timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    public bool IsAvailable => File.Exists(executable);

    /// <summary>Writes <paramref name="pdfPath"/> from the HTML text; throws with Chromium's output when it fails.</summary>
    public async Task RenderAsync(string html, string pdfPath, CancellationToken ct)
    {
        if (!IsAvailable)
            throw new InvalidOperationException($"{executable} not found: PDF reports need Debian's chromium (apt-get install chromium), or VALUEGUARD_CHROMIUM naming a Chromium binary.");
        var work = Directory.CreateTempSubdirectory("valueguard-pdf-");
        try
        {
            var htmlPath = Path.Combine(work.FullName, "report.html");
            await File.WriteAllTextAsync(htmlPath, html, ct).ConfigureAwait(false);
            var output = Path.GetFullPath(pdfPath);
            if (File.Exists(output)) File.Delete(output);
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--no-pdf-header-footer",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}", $"--print-to-pdf={output}", new Uri(htmlPath).AbsoluteUri,
            })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{executable} did not print the PDF within {timeout.TotalSeconds:0} s");
            }
            var said = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0 || !File.Exists(output) || new FileInfo(output).Length == 0)
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode} and wrote no PDF: {said.Trim()}");
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
