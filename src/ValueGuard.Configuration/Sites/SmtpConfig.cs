namespace ValueGuard.Configuration.Sites;

/// <summary>
/// An <c>email</c> sink's SMTP relay. <see cref="StartTls"/> upgrades the connection before sign-in (port 587);
/// the password is read from <see cref="PasswordFile"/>, never written in the site file.
/// </summary>
public sealed record SmtpConfig(string Host, int Port, bool StartTls, string? User, string? PasswordFile, string From, IReadOnlyList<string> To);
