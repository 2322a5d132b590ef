using System.Globalization;
using System.Net.Mail;
using ValueGuard.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Sites;

/// <summary>Reads the keys of an <c>email</c> ticket sink: the SMTP relay, its sign-in, the sender and the recipients.</summary>
internal static class SmtpSectionReader
{
    public static TicketSinkConfig? Read(MappingReader r, TicketSinkConfig sink, Func<string, bool, string?> file)
    {
        var host = r.String("host", required: true);
        var port = 587;
        if (r.Scalar("port") is { } portNode)
        {
            if (!int.TryParse(portNode.Value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
            {
                r.Errors.Add(portNode, $"ticket sink '{sink.Name}': port '{portNode.Value}' is not a TCP port", "write 587 (submission with STARTTLS) or 25 (a plant relay)");
                return null;
            }
        }
        var startTls = true;
        if (r.Scalar("starttls") is { } tlsNode)
        {
            if (!bool.TryParse(tlsNode.Value, out startTls))
            {
                r.Errors.Add(tlsNode, $"ticket sink '{sink.Name}': starttls '{tlsNode.Value}' is not true or false", "write starttls: true (the default) or starttls: false for a relay without TLS");
                return null;
            }
        }
        var user = r.String("user");
        var password = file("password_file", false);
        if ((user is null) != (password is null))
        {
            r.Errors.Add(r.Node, $"ticket sink '{sink.Name}': user and password_file go together", "write both to sign in to the relay, or neither for a relay that takes mail without sign-in");
            return null;
        }
        if (user is not null && !startTls)
        {
            r.Errors.Add(r.Scalar("starttls")!, $"ticket sink '{sink.Name}': starttls: false with a user would send the password in clear", "set starttls: true, or drop user and password_file for a relay that takes mail without sign-in");
            return null;
        }
        var from = Address(r, "from", sink.Name, required: true);
        var to = new List<string>();
        if (r.Get("to") is { } toNode)
        {
            var items = toNode switch
            {
                YamlSequenceNode seq => seq.Children.ToList(),
                YamlScalarNode scalar => [scalar],
                _ => [],
            };
            foreach (var item in items)
            {
                if (item is YamlScalarNode { Value: { } v } && MailAddress.TryCreate(v, out _)) to.Add(v);
                else r.Errors.Add(item, $"ticket sink '{sink.Name}': to: '{(item as YamlScalarNode)?.Value}' is not an e-mail address", "write a list of addresses, for example [delivery@acme.example]");
            }
            if (items.Count == 0) r.Errors.Add(toNode, $"ticket sink '{sink.Name}': to: is empty", "list at least one recipient");
        }
        else
        {
            r.Errors.Add(r.Node, $"ticket sink '{sink.Name}': 'to' is missing", "add a line 'to: [delivery@acme.example]'");
        }
        if (host is null || from is null || to.Count == 0) return null;
        return sink with { Smtp = new SmtpConfig(host, port, startTls, user, password, from, to) };
    }

    private static string? Address(MappingReader r, string key, string name, bool required)
    {
        var node = r.Scalar(key, required);
        if (node is null) return null;
        if (MailAddress.TryCreate(node.Value, out _)) return node.Value;
        r.Errors.Add(node, $"ticket sink '{name}': {key} '{node.Value}' is not an e-mail address", "write for example valueguard@acme.example or \"ValueGuard <valueguard@acme.example>\"");
        return null;
    }
}
