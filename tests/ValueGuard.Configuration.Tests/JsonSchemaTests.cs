using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;
using ValueGuard.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Tests;

/// <summary>The JSON Schemas editors use must agree with what <c>valueguard validate</c> accepts.</summary>
public class JsonSchemaTests
{
    private static string SchemaFor(string kind) => kind switch
    {
        "profile" => Path.Combine(RepoPaths.DeviceProfiles, "device-profile.schema.json"),
        "site" => Path.Combine(RepoPaths.Root, "deployment", "schemas", "site.schema.json"),
        _ => Path.Combine(RepoPaths.Root, "deployment", "schemas", "contract.schema.json"),
    };

    /// <summary>YAML to JSON as an editor's YAML language server does it: plain scalars become numbers and booleans.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } p when p.Value is "true" or "false" => JsonValue.Create(p.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } p when double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode p => JsonValue.Create(p.Value),
        _ => null,
    };

    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> Validate(string yamlFile, string kind)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(await File.ReadAllTextAsync(yamlFile)));
        var schema = await JsonSchema.FromFileAsync(SchemaFor(kind));
        return schema.Validate(ToJson(stream.Documents[0].RootNode)!.ToJsonString());
    }

    public static TheoryData<string, string> ShippedFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var f in Directory.GetFiles(RepoPaths.DeviceProfiles, "*.yaml")) data.Add(f, "profile");
        data.Add(Path.Combine(RepoPaths.Examples, "site.yaml"), "site");
        data.Add(Path.Combine(RepoPaths.Examples, "mistakes", "site.yaml"), "site");
        data.Add(Path.Combine(RepoPaths.Examples, "serial-site.yaml"), "site");
        data.Add(Path.Combine(RepoPaths.Examples, "influx-site.yaml"), "site");
        data.Add(Path.Combine(RepoPaths.Examples, "escalation-site.yaml"), "site");
        data.Add(Path.Combine(RepoPaths.Examples, "acme-2026.yaml"), "contract");
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public async Task Shipped_files_validate_against_their_schema(string file, string kind)
    {
        var errors = await Validate(file, kind);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_contract_with_mistakes_fails_the_schema_where_validate_fails_it()
    {
        var errors = await Validate(Path.Combine(RepoPaths.Examples, "mistakes", "contract-with-mistakes.yaml"), "contract");

        var lines = errors.SelectMany(Flatten).Select(e => e.ToString()).ToList();
        Assert.Contains(lines, l => l.Contains("windwo", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("target", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("redmine", "closed_status: Closed", true)]
    [InlineData("redmine", "close_status: Closed", false)]
    [InlineData("salesforce", "close_status: Closed", true)]
    [InlineData("jira", "timeout: 30s", false)]
    public async Task A_sink_key_of_another_kind_fails_the_schema_as_validate_fails_it(string kind, string key, bool valid)
    {
        using var dir = new TempDirectory();
        var file = dir.Write("site.yaml", $$"""
            site: s
            device_profiles: [profiles]
            devices: []
            tickets:
              sinks:
                - { name: desk, kind: {{kind}}, {{key}} }
            """);

        var errors = await Validate(file, "site");

        Assert.Equal(valid, errors.Count == 0);
    }

    [Fact]
    public void The_schemas_keys_per_sink_kind_are_the_readers()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaFor("site")))!;
        var branches = schema["properties"]!["tickets"]!["properties"]!["sinks"]!["items"]!["anyOf"]!.AsArray()
            .ToDictionary(b => b!["properties"]!["kind"]!["enum"]![0]!.GetValue<string>(), b => b!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ToList());

        Assert.Equal(Sites.TicketSinkReader.KeysByKind.Keys.Order(StringComparer.Ordinal), branches.Keys.Order(StringComparer.Ordinal));
        foreach (var kind in branches.Keys)
            Assert.Equal(Sites.TicketSinkReader.KeysOf(kind).Order(StringComparer.Ordinal), branches[kind]);
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(NJsonSchema.Validation.ValidationError e) =>
        e is NJsonSchema.Validation.ChildSchemaValidationError c ? [e, .. c.Errors.SelectMany(kv => kv.Value).SelectMany(Flatten)] : [e];
}
