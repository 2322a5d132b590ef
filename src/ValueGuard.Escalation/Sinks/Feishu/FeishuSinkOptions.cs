namespace ValueGuard.Escalation.Sinks.Feishu;

/// <summary>A Feishu/Lark custom group robot, optionally with the "signature verification" security setting.</summary>
public sealed record FeishuSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>A file holding the robot's webhook URL, <c>https://open.feishu.cn/open-apis/bot/v2/hook/…</c> (Lark: open.larksuite.com).</summary>
    public required string UrlFile { get; init; }

    /// <summary>A file holding the robot's signing secret; null for a robot secured by keyword or IP list only.</summary>
    public string? SecretFile { get; init; }

    /// <summary>How long one POST may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    internal ChatWebhookOptions Chat => new() { Name = Name, Kind = "feishu", UrlFile = UrlFile, Timeout = Timeout };

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = Chat.Validate().ToList();
        if (SecretFile is not null && !File.Exists(SecretFile))
            errors.Add($"feishu '{Name}' secret_file: '{SecretFile}' does not exist; copy the robot's secret (security settings, signature verification) into it (mode 0600).");
        return errors;
    }
}
