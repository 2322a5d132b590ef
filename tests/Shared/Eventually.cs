namespace ValueGuard.Testing;

/// <summary>Waits for a condition that another thread (ingest, a broker) makes true, with a deadline.</summary>
internal static class Eventually
{
    public static async Task WaitFor(Func<bool> condition, string what, int seconds = 30)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(seconds), $"timed out after {seconds} s waiting for {what}");
            await Task.Delay(10);
        }
    }
}
