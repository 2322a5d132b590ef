using System.CommandLine;
using System.Text.Json;
using ValueGuard.Configuration.Sites;
using ValueGuard.EdgeHub.Deployment;

namespace ValueGuard.Cli.Commands;

/// <summary><c>valueguard manifest --site FILE</c>: an Azure IoT Edge deployment manifest for the site.</summary>
internal static class ManifestCommand
{
    public static Command Create()
    {
        var siteOption = new Option<string>("--site") { Description = "The site YAML file", Required = true };
        var imageOption = new Option<string>("--image") { Description = "The ValueGuard module image", DefaultValueFactory = _ => new DeploymentManifestOptions().Image };
        var ttlOption = new Option<int>("--store-and-forward-seconds") { Description = "How long edgeHub keeps unsent messages", DefaultValueFactory = _ => 7200 };
        var outOption = new Option<string?>("--out") { Description = "Write the manifest to this file instead of standard output" };
        var command = new Command("manifest", "Write an IoT Edge deployment manifest for a site: modules, routes, and its contracts as desired properties")
            { siteOption, imageOption, ttlOption, outOption };
        command.SetAction(async (parse, ct) =>
        {
            // The whole site is checked first: a manifest must not carry a contract the module would reject.
            var (site, errors) = SiteModelLoader.Load(parse.GetValue(siteOption)!);
            if (site is null)
            {
                foreach (var e in errors) Console.Error.WriteLine(e);
                return 2;
            }
            var options = new DeploymentManifestOptions { Image = parse.GetValue(imageOption)!, StoreAndForwardSeconds = parse.GetValue(ttlOption) };
            string json;
            try
            {
                var manifest = DeploymentManifestBuilder.Build(site.Site, options);
                if (DeploymentManifestCheck.Problems(manifest) is { Count: > 0 } problems) throw new InvalidOperationException(string.Join('\n', problems));
                // Relaxed escaping: quotes in createOptions and "<"/">" in contracts stay readable (\" rather than \u0022); the file is never embedded in HTML.
                json = manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            if (parse.GetValue(outOption) is { } file) await File.WriteAllTextAsync(file, json + "\n", ct).ConfigureAwait(false);
            else await Console.Out.WriteLineAsync(json).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
