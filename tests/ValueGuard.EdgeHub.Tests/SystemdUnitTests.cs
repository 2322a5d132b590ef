using System.Globalization;
using System.Text.RegularExpressions;
using ValueGuard.Testing;

namespace ValueGuard.EdgeHub.Tests;

/// <summary>deployment/systemd: the unit file passes systemd's own checks and its hardening scores well; install.sh parses.</summary>
public sealed class SystemdUnitTests
{
    private static readonly string SystemdFolder = Path.Combine(RepoPaths.Root, "deployment", "systemd");

    [Fact]
    public async Task Unit_passes_systemd_analyze_verify()
    {
        var analyze = ExternalTool.Require("systemd-analyze", "systemd");
        using var dir = new TempDirectory();
        // The program is not installed here: only the ExecStart path is swapped, every other line is verified as shipped.
        var unit = File.ReadAllText(Path.Combine(SystemdFolder, "valueguard.service"));
        Assert.Contains("ExecStart=/opt/valueguard/valueguard run --site /etc/valueguard/site.yaml", unit, StringComparison.Ordinal);
        var path = dir.Write("valueguard.service", unit.Replace("ExecStart=/opt/valueguard/valueguard", "ExecStart=/bin/true", StringComparison.Ordinal));

        var (exitCode, output) = await ToolRun.RunAsync(analyze, ["verify", path], TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 0 && output.Trim().Length == 0, output);
    }

    [Fact]
    public async Task Unit_hardening_exposure_is_at_most_two_out_of_ten()
    {
        var analyze = ExternalTool.Require("systemd-analyze", "systemd");

        var (_, output) = await ToolRun.RunAsync(analyze, ["security", "--offline=true", Path.Combine(SystemdFolder, "valueguard.service")], TimeSpan.FromSeconds(30));

        var level = Regex.Match(output, @"Overall exposure level for valueguard\.service: (?<n>\d+\.\d)");
        Assert.True(level.Success, output);
        Assert.True(double.Parse(level.Groups["n"].Value, CultureInfo.InvariantCulture) <= 2.0, output[^Math.Min(400, output.Length)..]);
    }

    [Fact]
    public void Unit_keeps_data_in_its_state_directory_and_serial_access_through_dialout()
    {
        var lines = File.ReadAllLines(Path.Combine(SystemdFolder, "valueguard.service"));

        Assert.Contains("ProtectSystem=strict", lines);
        Assert.Contains("StateDirectory=valueguard", lines);
        Assert.Contains("SupplementaryGroups=dialout", lines);
        Assert.Contains("User=valueguard", lines);
        Assert.Contains("DevicePolicy=closed", lines);
    }

    [Fact]
    public async Task Install_script_is_valid_posix_shell()
    {
        var shell = ExternalTool.Require("dash", "dash");

        var (exitCode, output) = await ToolRun.RunAsync(shell, ["-n", Path.Combine(SystemdFolder, "install.sh")], TimeSpan.FromSeconds(10));

        Assert.True(exitCode == 0, output);
    }
}
