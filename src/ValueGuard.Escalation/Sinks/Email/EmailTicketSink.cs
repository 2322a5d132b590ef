using System.Net;
using System.Net.Mail;
using ValueGuard.Core.Escalation;

namespace ValueGuard.Escalation.Sinks.Email;

/// <summary>
/// Mails each escalation action to the recipients through an SMTP relay (System.Net.Mail, STARTTLS and sign-in as
/// configured). Mail cannot be looked up once sent: a retry after a lost answer sends the message again with the same
/// Message-ID, which mail systems and clients use to recognise the duplicate.
/// </summary>
public sealed class EmailTicketSink : ITicketSink
{
    private readonly EmailSinkOptions options;
    private readonly NetworkCredential? credential;

    public EmailTicketSink(EmailSinkOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, errors), nameof(options));
        this.options = options;
        if (options.User is { } user)
            credential = new NetworkCredential(user, SecretFile.Read(options.PasswordFile!, $"email '{options.Name}' password_file"));
    }

    public string Name => options.Name;

    /// <summary>Returns the message's Message-ID.</summary>
    public async Task<string> DeliverAsync(EscalationAction action, CancellationToken cancellationToken)
    {
        using var message = EmailMessage.Create(action, options);
        // One client per message: SmtpClient sends one message at a time and keeps no state worth sharing.
        using var smtp = new SmtpClient(options.Host, options.Port)
        {
            EnableSsl = options.StartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            UseDefaultCredentials = false,
            Credentials = credential,
            Timeout = (int)options.Timeout.TotalMilliseconds,
        };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            await smtp.SendMailAsync(message, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"email '{options.Name}': {options.Host}:{options.Port} did not take the message within {options.Timeout.TotalSeconds} s");
        }
        catch (SmtpException e)
        {
            var reason = e.InnerException?.Message is { Length: > 0 } inner ? $" ({inner})" : "";
            throw new SmtpException(e.StatusCode, $"email '{options.Name}' via {options.Host}:{options.Port}: {e.Message}{reason}");
        }
        return EmailMessage.MessageId(action.IdempotencyKey, options.From);
    }
}
