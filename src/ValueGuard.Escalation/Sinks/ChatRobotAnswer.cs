using System.Text.Json;

namespace ValueGuard.Escalation.Sinks;

/// <summary>
/// Reads the in-body verdict of Chinese chat robots, which answer HTTP 200 even when they refuse a message:
/// <c>{"code": 0, "msg": "success"}</c> (Feishu/Lark; older versions <c>StatusCode</c>/<c>StatusMessage</c>) and
/// <c>{"errcode": 0, "errmsg": "ok"}</c> (WeCom, DingTalk).
/// </summary>
public static class ChatRobotAnswer
{
    /// <summary>Null when the answer says the message was accepted; otherwise what the robot said, for the error.</summary>
    public static string? Refusal(string answer)
    {
        try
        {
            using var doc = JsonDocument.Parse(answer);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "the answer was not a JSON object";
            foreach (var (codeName, messageName) in new[] { ("code", "msg"), ("errcode", "errmsg"), ("StatusCode", "StatusMessage") })
            {
                if (!root.TryGetProperty(codeName, out var code) || !code.TryGetInt64(out var value)) continue;
                return value == 0 ? null : $"{codeName} {value}, {(root.TryGetProperty(messageName, out var m) ? m.ToString() : "")}";
            }
            return "the answer carried no code or errcode";
        }
        catch (JsonException)
        {
            return "the answer was not JSON";
        }
    }
}
