using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.Gateway.Tests;

/// <summary>A site with one contract in a test folder, whose clauses a test can rewrite (for reloads).</summary>
internal sealed class EditableSite
{
    public static readonly DateTimeOffset GoLive = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public EditableSite(TempDirectory dir, string clauses)
    {
        SiteFile = dir.File("site.yaml");
        ContractFile = dir.File("contract.yaml");
        File.WriteAllText(SiteFile, $"""
            site: test-plant
            data_dir: data
            device_profiles: ["{RepoPaths.DeviceProfiles}"]
            contracts: [contract.yaml]
            devices:
              - {"{"} id: press-07, profile: press-plc-json {"}"}
            tickets:
              sinks:
                - {"{"} name: files, kind: file, path: tickets {"}"}
            escalation: {"{"} escalate_after: 4h, max_level: 2 {"}"}
            evaluate_every: 1m
            """);
        WriteClauses(clauses);
    }

    public string SiteFile { get; }

    public string ContractFile { get; }

    public void WriteClauses(string clauses) => File.WriteAllText(ContractFile, $"""
        contract: T-1
        customer: Test
        timezone: UTC
        go_live: 2026-03-01T00:00:00Z
        clauses:
        {clauses}
        """);

    public SiteModel Load()
    {
        var (model, errors) = SiteModelLoader.Load(SiteFile);
        Assert.True(model is not null, string.Join(Environment.NewLine, errors));
        return model;
    }
}
