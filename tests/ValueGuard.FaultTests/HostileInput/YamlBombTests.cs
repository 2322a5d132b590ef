using System.Text;
using ValueGuard.Configuration.Contracts;
using ValueGuard.Configuration.Sites;
using ValueGuard.Configuration.Yaml;

namespace ValueGuard.FaultTests.HostileInput;

/// <summary>Files built to exhaust a parser are refused with a located error, in moments, without taking the process down.</summary>
public sealed class YamlBombTests
{
    [Theory]
    [InlineData(100)]
    [InlineData(10_000)]
    [InlineData(200_000)]
    public void Deep_flow_nesting_is_refused_at_the_level_that_is_too_deep(int depth)
    {
        var text = "site: " + new string('[', depth) + new string(']', depth) + "\n";

        var errors = SiteLoader.Load("deep.yaml", text).Errors;

        var error = Assert.Single(errors);
        Assert.Contains($"more than {YamlShapeLimits.MaxDepth} levels deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        // The root mapping is the first level, so the bracket that is one too many is number MaxDepth.
        Assert.Equal(6 + YamlShapeLimits.MaxDepth, error.Column);
    }

    [Fact]
    public void Deep_block_nesting_is_refused()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 1_000; i++) text.Append(' ', i).Append('k').Append(i).Append(":\n");

        var error = Assert.Single(SiteLoader.Load("deep.yaml", text.ToString()).Errors);

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
        // The root mapping is level 1 and line 2 opens level 2, so level MaxDepth + 1 opens on line MaxDepth + 1.
        Assert.Equal(YamlShapeLimits.MaxDepth + 1, error.Line);
    }

    [Fact]
    public void An_alias_bomb_is_refused_or_read_without_expanding_it()
    {
        // "Billion laughs": nine levels of ten aliases each would expand to 10^9 strings.
        var text = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
            text.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        text.Append("contract: *a9\n");

        var errors = ContractLoader.Load("bomb.yaml", text.ToString(), catalog: null).Errors;

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Line >= 1 && e.Column >= 1));
    }

    [Fact]
    public void More_aliases_than_allowed_are_refused_where_the_first_extra_one_is()
    {
        var text = "a: &x 1\nlist: [" + string.Join(", ", Enumerable.Repeat("*x", YamlShapeLimits.MaxAliases + 1)) + "]\n";

        var error = Assert.Single(SiteLoader.Load("aliases.yaml", text).Errors);

        Assert.Contains("aliases", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void A_file_of_ten_megabytes_is_refused_without_parsing_it()
    {
        var text = "site: x\n# " + new string('x', 10 * 1024 * 1024) + "\n";

        var error = Assert.Single(SiteLoader.Load("huge.yaml", text).Errors);

        Assert.Contains("more than the", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 1), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("\0\0\0")]
    [InlineData("\uFEFF")]
    [InlineData("\t\tsite: x")]
    [InlineData("---\n...\n---\n")]
    [InlineData("%YAML 9.9\n---\na: 1")]
    [InlineData("!!python/object:os.system ['rm -rf /']")]
    [InlineData("site: !!binary AAAA")]
    [InlineData("? [a, b]\n: c")]
    public void Odd_documents_are_refused_with_a_located_error(string text)
    {
        var errors = SiteLoader.Load("odd.yaml", text).Errors;

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString()));
    }
}
