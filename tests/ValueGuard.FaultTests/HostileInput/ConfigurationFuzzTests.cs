using CsCheck;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Configuration.Sites;
using ValueGuard.Testing;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>
/// Every shipped configuration file, damaged at random: the loaders answer with a value or with errors placed at
/// a real line and column of the damaged text; they never throw and never hang.
/// </summary>
public sealed class ConfigurationFuzzTests
{
    private const int Iterations = 400;

    public static TheoryData<string> ContractFiles => Files(RepoPaths.Examples, "acme-2026.yaml", "mistakes/contract-with-mistakes.yaml");

    public static TheoryData<string> SiteFiles => Files(RepoPaths.Examples, "site.yaml", "serial-site.yaml", "escalation-site.yaml", "influx-site.yaml", "mistakes/site.yaml");

    public static TheoryData<string> ProfileFiles =>
        Files(RepoPaths.DeviceProfiles, [.. Directory.GetFiles(RepoPaths.DeviceProfiles, "*.yaml").Select(Path.GetFileName).OfType<string>()]);

    [Theory]
    [MemberData(nameof(ContractFiles))]
    public void A_damaged_contract_is_loaded_or_refused_with_located_errors(string path) =>
        Fuzz(path, (file, text) => ContractLoader.Load(file, text, catalog: null).Errors);

    [Theory]
    [MemberData(nameof(SiteFiles))]
    public void A_damaged_site_file_is_loaded_or_refused_with_located_errors(string path) =>
        Fuzz(path, (file, text) => SiteLoader.Load(file, text).Errors);

    [Theory]
    [MemberData(nameof(ProfileFiles))]
    public void A_damaged_device_profile_is_loaded_or_refused_with_located_errors(string path) =>
        Fuzz(path, (file, text) => DeviceProfileLoader.Load(file, text).Errors);

    [Fact]
    public void Random_text_is_refused_with_located_errors() =>
        Gen.String[0, 2000].Sample(text => AssertLocated("random.yaml", text, SiteLoader.Load("random.yaml", text).Errors, mustFail: text.Trim().Length == 0), iter: Iterations);

    private static void Fuzz(string path, Func<string, string, IReadOnlyList<ConfigError>> load)
    {
        var original = File.ReadAllText(path);
        var damaged = 0;
        YamlMutation.Some.Sample(mutate =>
        {
            var text = mutate(original);
            var errors = load(path, text);
            if (errors.Count > 0) damaged++;
            AssertLocated(path, text, errors, mustFail: false);
        }, iter: Iterations);
        // The mutations must actually reach the loaders' error paths, or this test proves nothing.
        Assert.True(damaged > Iterations / 10, $"only {damaged} of {Iterations} damaged copies of {path} were refused");
    }

    private static void AssertLocated(string path, string text, IReadOnlyList<ConfigError> errors, bool mustFail)
    {
        if (mustFail) Assert.NotEmpty(errors);
        var lines = text.Split('\n').Length;
        foreach (var e in errors)
        {
            Assert.Equal(path, e.File);
            Assert.InRange(e.Line, 1, lines + 1);
            Assert.True(e.Column >= 1, $"column {e.Column} in {e}");
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"an error without a message at {e.File}:{e.Line}:{e.Column}");
        }
    }

    private static TheoryData<string> Files(string folder, params string[] names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names) data.Add(Path.Combine(folder, name));
        return data;
    }
}
