using ValueGuard.Configuration.Contracts;
using ValueGuard.Gateway.EdgeModule;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

public sealed class LiveReloadPendingTargetTests
{
    [Fact]
    public async Task The_contract_the_site_already_runs_is_accepted_and_a_changed_one_is_refused_with_the_reason()
    {
        using var dir = new TempDirectory();
        var site = ExampleSite.In(dir);
        var target = new LiveReloadPendingTarget(site);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"));
        var same = ContractLoader.Load("twin:contracts/acme-2026", text, target.Catalog).Value!;
        var changed = ContractLoader.Load("twin:contracts/acme-2026", text.Replace(">= 98%", ">= 97%", StringComparison.Ordinal), target.Catalog).Value!;

        await target.ApplyContractAsync(same, default);
        var refused = await Assert.ThrowsAsync<NotSupportedException>(() => target.ApplyContractAsync(changed, default));

        Assert.Contains("cannot replace a contract while running", refused.Message, StringComparison.Ordinal);
    }
}
