using System.Net.Mail;
using System.Text;
using ValueGuard.Core.Escalation;
using ValueGuard.Escalation.Sinks.Email;
using ValueGuard.Testing;

namespace ValueGuard.Escalation.Tests.Email;

public sealed class EmailTicketSinkTests : IDisposable
{
    private readonly TempDirectory dir = new();

    private EmailTicketSink Sink(SmtpReceiver smtp, bool startTls = false, string? user = null, string? password = null) => new(new EmailSinkOptions
    {
        Name = "delivery-mail",
        Host = "127.0.0.1",
        Port = smtp.Port,
        StartTls = startTls,
        User = user,
        PasswordFile = password is null ? null : dir.Write("smtp.password", password + "\n"),
        From = "ValueGuard <valueguard@plant.acme.example>",
        To = ["delivery-team-3@acme.example", "cs-east@acme.example"],
        Timeout = TimeSpan.FromSeconds(10),
    });

    [Fact]
    public async Task Sends_one_message_per_action_to_every_recipient_with_a_message_id_from_the_key()
    {
        using var smtp = new SmtpReceiver();
        var action = Actions.Of(EscalationActionKind.Open);

        var id = await Sink(smtp).DeliverAsync(action, default);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("valueguard@plant.acme.example", mail.From);
        Assert.Equal(["delivery-team-3@acme.example", "cs-east@acme.example"], mail.Recipients);
        var expectedId = "<vg." + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("ACME-2026-017/press-availability/1#open-0")))[..32] + "@plant.acme.example>";
        Assert.Equal(expectedId, id);
        Assert.Equal(expectedId, mail.Header("Message-ID"));
        Assert.Equal("ACME-2026-017/press-availability/1#open-0", mail.Header("X-ValueGuard-Key"));
        Assert.Null(mail.Header("In-Reply-To"));
        Assert.Contains("[ValueGuard] [Breached] ACME-2026-017/press-availability: breach opened", Subject(mail), StringComparison.Ordinal);
        Assert.Contains("Target: >= 98%\r\n", mail.Body, StringComparison.Ordinal);
        Assert.Contains("valueguard-action: ACME-2026-017/press-availability/1#open-0", mail.Body, StringComparison.Ordinal);
        // The client says QUIT after the message is accepted, so the receiver may log it a moment after delivery returns.
        await Eventually.WaitFor(() => smtp.Commands.Any(c => c.Line.StartsWith("QUIT", StringComparison.Ordinal)), "the client's QUIT", 10);
        Assert.Equal(["EHLO", "MAIL", "RCPT", "RCPT", "DATA", "QUIT"], smtp.Commands.Select(c => c.Line.Split(' ')[0]));
    }

    [Fact]
    public async Task Later_actions_thread_under_the_opening_message()
    {
        using var smtp = new SmtpReceiver();
        var sink = Sink(smtp);
        var open = await sink.DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var escalated = await sink.DeliverAsync(Actions.Of(EscalationActionKind.Escalate, level: 1), default);

        var mail = smtp.Messages.Last();
        Assert.NotEqual(open, escalated);
        Assert.Equal(open, mail.Header("In-Reply-To"));
        Assert.Equal(open, mail.Header("References"));
        Assert.Equal(escalated, mail.Header("Message-ID"));
    }

    [Fact]
    public async Task A_resend_of_the_same_action_carries_the_same_message_id()
    {
        using var smtp = new SmtpReceiver();
        var sink = Sink(smtp);

        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);
        await sink.DeliverAsync(Actions.Of(EscalationActionKind.Resolve), default);

        Assert.Equal(2, smtp.Messages.Count);
        Assert.Single(smtp.Messages.Select(m => m.Header("Message-ID")).Distinct());
    }

    [Fact]
    public async Task Over_starttls_with_a_trusted_certificate_signs_in_and_sends_encrypted()
    {
        using var smtp = new SmtpReceiver(offerStartTls: true, account: ("vg-relay", "p@ss w0rd"));
        using var trust = smtp.TrustCertificateForCurrentUser();

        await Sink(smtp, startTls: true, user: "vg-relay", password: "p@ss w0rd").DeliverAsync(Actions.Of(EscalationActionKind.Open), default);

        var mail = Assert.Single(smtp.Messages);
        Assert.True(mail.Encrypted);
        Assert.Equal(["vg-relay"], smtp.Logins);
        Assert.All(smtp.Commands.Where(c => c.Line.StartsWith("AUTH", StringComparison.Ordinal) || c.Line.StartsWith("MAIL", StringComparison.Ordinal)), c => Assert.True(c.Encrypted));
    }

    [Fact]
    public void A_user_without_starttls_is_refused_so_no_password_goes_out_in_clear()
    {
        var options = new EmailSinkOptions { Name = "m", Host = "127.0.0.1", StartTls = false, User = "vg-relay", PasswordFile = dir.Write("pw", "x"), From = "vg@acme.example", To = ["d@acme.example"] };

        Assert.Equal(["email 'm' starttls: false with a user would send the password in clear; set starttls: true."], options.Validate());
    }

    [Fact]
    public async Task With_starttls_nothing_but_ehlo_and_starttls_goes_out_before_the_tls_handshake()
    {
        using var smtp = new SmtpReceiver(offerStartTls: true, account: ("vg-relay", "secret"));

        // The receiver's certificate is self-signed: the sink refuses it and sends neither credentials nor mail.
        var error = await Assert.ThrowsAsync<SmtpException>(() => Sink(smtp, startTls: true, user: "vg-relay", password: "secret").DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.StartsWith("email 'delivery-mail' via 127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Equal(["EHLO", "STARTTLS"], smtp.Commands.Select(c => c.Line.Split(' ')[0]));
        Assert.Empty(smtp.Messages);
        Assert.Empty(smtp.Logins);
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_fails_without_sending()
    {
        using var smtp = new SmtpReceiver();

        await Assert.ThrowsAsync<SmtpException>(() => Sink(smtp, startTls: true).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task A_temporary_refusal_fails_the_delivery_so_the_outbox_retries()
    {
        using var smtp = new SmtpReceiver(rejectMailWith: "451 4.3.0 Mail server temporarily rejected message");

        var error = await Assert.ThrowsAsync<SmtpException>(() => Sink(smtp).DeliverAsync(Actions.Of(EscalationActionKind.Open), default));

        Assert.Contains("delivery-mail", error.Message, StringComparison.Ordinal);
        Assert.Empty(smtp.Messages);
    }

    private static string Subject(ReceivedMail mail)
    {
        var raw = mail.Header("Subject")!;
        // RFC 2047 encoded words, as System.Net.Mail writes a UTF-8 subject.
        return string.Concat(raw.Split(' ').Select(w => w.StartsWith("=?utf-8?B?", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(w[10..^2]))
            : w.StartsWith("=?utf-8?Q?", StringComparison.OrdinalIgnoreCase) ? w[10..^2].Replace('_', ' ') : w + " ")).Trim();
    }

    public void Dispose() => dir.Dispose();
}
