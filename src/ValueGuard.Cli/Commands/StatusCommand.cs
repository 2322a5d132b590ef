using System.CommandLine;
using System.Text.Json;
using ValueGuard.Cli.Status;
using ValueGuard.Configuration.Sites;

namespace ValueGuard.Cli.Commands;

/// <summary>
/// <c>valueguard status --site FILE [--format table|json]</c>: buffer health and the other status sections
/// of the site's gateway. Exit code 0 when the gateway is running, 1 when not (what is on disk is shown), 2 for a bad site.
/// </summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var site = new Option<string>("--site") { Description = "The site YAML file", Required = true };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("status", "Show the gateway's buffer health (spool depth, bytes, oldest unsent age, ingest vs drain rate, time until full) and store state") { site, format };
        command.SetAction(parse => Run(parse.GetValue(site)!, parse.GetValue(format)!, Console.Out, TimeProvider.System));
        return command;
    }

    public static int Run(string siteFile, string format, TextWriter output, TimeProvider clock)
    {
        var loaded = SiteLoader.Load(siteFile, File.Exists(siteFile) ? File.ReadAllText(siteFile) : "");
        if (!File.Exists(siteFile) || loaded.Value is not { } site)
        {
            output.WriteLine(File.Exists(siteFile) ? string.Join(Environment.NewLine, loaded.Errors) : $"{siteFile}: no such file");
            return 2;
        }
        var report = StatusReport.Read(site, clock);
        if (format == "json") output.WriteLine(report.ToJson().ToJsonString(Indented));
        else StatusTable.Write(report, output);
        return report.Running ? 0 : 1;
    }
}
