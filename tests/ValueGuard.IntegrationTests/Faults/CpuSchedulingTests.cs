using ValueGuard.IntegrationTests.Servers;
using ValueGuard.Testing;

namespace ValueGuard.IntegrationTests.Faults;

/// <summary>Needs: mosquitto, Linux. <c>valueguard run</c> puts every thread it has, and every one it starts later, in SCHED_BATCH.</summary>
[Collection(GatewayFaultCollection.Name)]
public class CpuSchedulingTests(MosquittoBroker mosquitto)
{
    private const int SchedOther = 0;
    private const int SchedBatch = 3;

    [Theory]
    [InlineData(null, SchedBatch)]
    [InlineData("normal", SchedOther)]
    public async Task Every_gateway_thread_runs_under_the_chosen_policy(string? mode, int policy)
    {
        Assert.True(OperatingSystem.IsLinux(), "scheduling policies are read from /proc");
        using var dir = new TempDirectory();
        var site = dir.Write("site.yaml", $"""
            site: fault-plant
            broker: {"{"} url: "{mosquitto.Url}", client_id: vg-sched-{Guid.NewGuid():N} {"}"}
            data_dir: data
            device_profiles: [{RepoPaths.DeviceProfiles}]
            devices:
            {FaultPlant.Devices(2)}
            """);
        using var gateway = mode is null ? GatewayProcess.Start(site) : GatewayProcess.Start(site, "--cpu-scheduling", mode);
        await gateway.WaitUntilConnectedAsync(TimeSpan.FromSeconds(60));

        var policies = Directory.GetDirectories($"/proc/{gateway.Id}/task").Select(Policy).ToList();

        Assert.True(policies.Count > 5, $"expected the runtime's threads, found {policies.Count}");
        Assert.All(policies, p => Assert.Equal(policy, p));
    }

    // Field 41 of /proc/PID/task/TID/stat, counted after the parenthesised thread name, which may contain spaces.
    private static int Policy(string task)
    {
        var stat = File.ReadAllText(Path.Combine(task, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[38], System.Globalization.CultureInfo.InvariantCulture);
    }
}
