using Microsoft.Extensions.Hosting;

namespace ValueGuard.Gateway.Hosting;

/// <summary>
/// Watches the site's contract files and reloads them when one changes. Editors save in bursts (truncate,
/// write, rename), so a reload waits until the files have been quiet for <see cref="Quiet"/>.
/// </summary>
public sealed class ContractWatcher : BackgroundService
{
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly GatewayRuntime runtime;
    private readonly ContractReloader reloader;
    private readonly TaskCompletionSource watching = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ContractWatcher(GatewayRuntime runtime, ContractReloader reloader)
    {
        this.runtime = runtime;
        this.reloader = reloader;
    }

    /// <summary>Completes once the files are being watched: a change after this is seen.</summary>
    public Task Watching => watching.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var files = runtime.Site.Site.ContractFiles.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var changes = System.Threading.Channels.Channel.CreateBounded<string>(new System.Threading.Channels.BoundedChannelOptions(1)
        {
            // One pending signal is enough: a reload reads every file anyway.
            FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite,
        });
        var watchers = new List<FileSystemWatcher>();
        try
        {
            foreach (var dir in files.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal))
            {
                var w = new FileSystemWatcher(dir) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
                void OnEvent(string path)
                {
                    if (files.Contains(Path.GetFullPath(path))) changes.Writer.TryWrite(path);
                }
                w.Changed += (_, e) => OnEvent(e.FullPath);
                w.Created += (_, e) => OnEvent(e.FullPath);
                w.Renamed += (_, e) => OnEvent(e.FullPath);
                w.EnableRaisingEvents = true;
                watchers.Add(w);
            }
            watching.TrySetResult();
            while (await changes.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Drain the burst: wait until nothing new has arrived for the quiet period.
                do
                {
                    while (changes.Reader.TryRead(out _)) { }
                    await Task.Delay(Quiet, stoppingToken).ConfigureAwait(false);
                }
                while (changes.Reader.TryRead(out _));
                await reloader.ReloadAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var w in watchers) w.Dispose();
        }
    }
}
