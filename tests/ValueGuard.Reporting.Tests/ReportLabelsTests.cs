using ValueGuard.Reporting.Labels;

namespace ValueGuard.Reporting.Tests;

public class ReportLabelsTests
{
    public static TheoryData<string> Languages => [.. ReportLabels.Supported];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_label_is_filled_and_every_verdict_has_a_word(string language)
    {
        var labels = ReportLabels.For(language);

        foreach (var p in typeof(ReportLabels).GetProperties().Where(p => p.PropertyType == typeof(string)))
            Assert.False(string.IsNullOrWhiteSpace((string?)p.GetValue(labels)), $"{language}: {p.Name} is empty");
        foreach (var verdict in new[] { "MET", "AT_RISK", "BREACHED", "INDETERMINATE" })
            Assert.True(labels.Verdicts.ContainsKey(verdict), $"{language}: no word for {verdict}");
    }

    [Fact]
    public void Chinese_labels_differ_from_english_ones()
    {
        var en = ReportLabels.For("en");
        var zh = ReportLabels.For("zh-CN");

        var same = typeof(ReportLabels).GetProperties().Where(p => p.PropertyType == typeof(string) && p.Name != nameof(ReportLabels.Language))
            .Where(p => Equals(p.GetValue(en), p.GetValue(zh))).Select(p => p.Name).ToList();
        Assert.Empty(same);
    }

    [Fact]
    public void An_unknown_language_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ReportLabels.For("fr"));
    }
}
