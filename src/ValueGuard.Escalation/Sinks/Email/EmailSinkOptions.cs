using System.Net.Mail;

namespace ValueGuard.Escalation.Sinks.Email;

/// <summary>
/// The SMTP relay an <see cref="EmailTicketSink"/> hands its messages to, its sign-in, the sender and the recipients.
/// <see cref="StartTls"/> upgrades the connection before anything else is said (RFC 3207, port 587); implicit TLS
/// (port 465) is not supported.
/// </summary>
public sealed record EmailSinkOptions
{
    /// <summary>The sink's name in the outbox (unique per site).</summary>
    public required string Name { get; init; }

    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>True: STARTTLS before sign-in and sending, refused when the relay does not offer it.</summary>
    public bool StartTls { get; init; } = true;

    /// <summary>The sign-in user; null for a relay that takes mail without sign-in (a plant relay on port 25).</summary>
    public string? User { get; init; }

    /// <summary>A file holding <see cref="User"/>'s password.</summary>
    public string? PasswordFile { get; init; }

    public required string From { get; init; }

    public required IReadOnlyList<string> To { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these options, each naming the setting and the fix; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) errors.Add("email name: is empty; give the sink a name, for example 'delivery-mail'.");
        if (string.IsNullOrWhiteSpace(Host)) errors.Add($"email '{Name}' host: is empty; name the SMTP relay, for example mail.acme.example.");
        if (Port is < 1 or > 65535) errors.Add($"email '{Name}' port: {Port} is not a TCP port; use 587 (STARTTLS) or 25.");
        if ((User is null) != (PasswordFile is null)) errors.Add($"email '{Name}' user, password_file: give both to sign in, or neither.");
        if (PasswordFile is not null && !File.Exists(PasswordFile)) errors.Add($"email '{Name}' password_file: '{PasswordFile}' does not exist; write the password into it (mode 0600).");
        if (User is not null && !StartTls) errors.Add($"email '{Name}' starttls: false with a user would send the password in clear; set starttls: true.");
        if (!MailAddress.TryCreate(From, out _)) errors.Add($"email '{Name}' from: '{From}' is not an e-mail address.");
        if (To is null || To.Count == 0) errors.Add($"email '{Name}' to: is empty; list at least one recipient.");
        else foreach (var to in To.Where(t => !MailAddress.TryCreate(t, out _))) errors.Add($"email '{Name}' to: '{to}' is not an e-mail address.");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(5))
            errors.Add($"email '{Name}' timeout: {Timeout} is outside (0, 5 min]; use for example 30s.");
        return errors;
    }
}
