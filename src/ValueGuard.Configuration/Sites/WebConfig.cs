namespace ValueGuard.Configuration.Sites;

/// <summary>
/// The local web UI and its JSON API: where it listens (127.0.0.1 unless the site says otherwise) and the
/// file holding the bearer token every API request must carry.
/// </summary>
public sealed record WebConfig(string Host, int Port, string TokenFile);
