namespace ValueGuard.Testing;

/// <summary>Waits for a condition that another thread (ingest, a broker) makes true, with a deadline.</summary>
internal static class Eventually
{
    public static async Task WaitFor(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {seconds} s waiting for {what}");
            await Task.Delay(10);
        }
    }
}
