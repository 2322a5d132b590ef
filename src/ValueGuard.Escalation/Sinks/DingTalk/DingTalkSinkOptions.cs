namespace ValueGuard.Escalation.Sinks.DingTalk;

/// <summary>A DingTalk custom group robot with the "加签" (signature) security setting.</summary>
public sealed record DingTalkSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    /// <summary>A file holding the robot's webhook URL, <c>https://oapi.dingtalk.com/robot/send?access_token=…</c>.</summary>
    public required string UrlFile { get; init; }

    /// <summary>A file holding the robot's signing secret (the <c>SEC…</c> string).</summary>
    public required string SecretFile { get; init; }

    /// <summary>How long one POST may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new ChatWebhookOptions { Name = Name, Kind = "dingtalk", UrlFile = UrlFile, Timeout = Timeout }.Validate().ToList();
        if (string.IsNullOrWhiteSpace(SecretFile)) errors.Add($"dingtalk '{Name}' secret_file: is empty; name a file that holds the robot's SEC… signing secret.");
        else if (!File.Exists(SecretFile)) errors.Add($"dingtalk '{Name}' secret_file: '{SecretFile}' does not exist; copy the robot's SEC… secret (security settings, 加签) into it (mode 0600).");
        return errors;
    }
}
