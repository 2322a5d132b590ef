namespace ValueGuard.Escalation.Sinks.Feishu;

/// <summary>
/// Builds the Feishu/Lark robot sink: a <see cref="ChatWebhookTicketSink"/> whose body is signed when it is written
/// (the signature's timestamp must be within an hour of Feishu's clock, so each attempt signs afresh) and whose
/// answer's <c>code</c> must be 0.
/// </summary>
public static class FeishuSink
{
    public static ChatWebhookTicketSink Create(FeishuSinkOptions options, HttpClient http, TimeProvider time)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        var secret = options.SecretFile is null ? null : SecretFile.Read(options.SecretFile, $"feishu '{options.Name}' secret_file");
        return new ChatWebhookTicketSink(options.Chat, http, action => FeishuMessage.Serialize(action, secret, time.GetUtcNow()), ChatRobotAnswer.Refusal);
    }

}
