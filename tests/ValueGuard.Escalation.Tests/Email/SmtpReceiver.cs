using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ValueGuard.Escalation.Tests.Email;

/// <summary>
/// An SMTP server on a free 127.0.0.1 port speaking the RFC 5321 dialogue (EHLO/HELO, MAIL, RCPT, DATA with dot
/// un-stuffing, RSET, NOOP, QUIT), AUTH LOGIN and PLAIN (RFC 4954) and, when asked, STARTTLS (RFC 3207) with a
/// self-signed certificate. It records every command and every message it accepted.
/// </summary>
internal sealed class SmtpReceiver : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    public SmtpReceiver(bool offerStartTls = false, (string User, string Password)? account = null, string? rejectMailWith = null)
    {
        OfferStartTls = offerStartTls;
        Account = account;
        RejectMailWith = rejectMailWith;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public bool OfferStartTls { get; }

    public (string User, string Password)? Account { get; }

    /// <summary>A reply to MAIL FROM instead of 250, e.g. "451 4.3.0 try again later".</summary>
    public string? RejectMailWith { get; }

    /// <summary>Every command line as the client sent it, with whether the connection was encrypted at the time.</summary>
    public ConcurrentQueue<(string Line, bool Encrypted)> Commands { get; } = new();

    public ConcurrentQueue<ReceivedMail> Messages { get; } = new();

    public ConcurrentQueue<string> Logins { get; } = new();

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            using (client)
            {
                try { await SessionAsync(client.GetStream()); }
                catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException or ObjectDisposedException or OperationCanceledException) { }
            }
        }
    }

    private async Task SessionAsync(Stream network)
    {
        Stream stream = network;
        var encrypted = false;
        var (reader, writer) = Open(stream);
        var authenticated = false;
        string? from = null;
        var recipients = new List<string>();
        await writer.WriteAsync("220 vg-test ESMTP ready\r\n");
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            Commands.Enqueue((line, encrypted));
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
            switch (verb)
            {
                case "EHLO":
                    var features = new List<string> { "vg-test greets you", "8BITMIME", "SIZE 10485760" };
                    if (OfferStartTls && !encrypted) features.Add("STARTTLS");
                    if (Account is not null && (encrypted || !OfferStartTls)) features.Add("AUTH LOGIN PLAIN");
                    for (var i = 0; i < features.Count; i++) await writer.WriteAsync($"250{(i == features.Count - 1 ? ' ' : '-')}{features[i]}\r\n");
                    break;
                case "HELO":
                    await writer.WriteAsync("250 vg-test\r\n");
                    break;
                case "STARTTLS" when OfferStartTls && !encrypted:
                    await writer.WriteAsync("220 2.0.0 Ready to start TLS\r\n");
                    var tls = new SslStream(network);
                    await tls.AuthenticateAsServerAsync(SelfSigned.Value);
                    stream = tls;
                    encrypted = true;
                    (reader, writer) = Open(stream);
                    authenticated = false;
                    break;
                case "AUTH":
                    authenticated = await AuthenticateAsync(argument, reader, writer);
                    await writer.WriteAsync(authenticated ? "235 2.7.0 Authentication successful\r\n" : "535 5.7.8 Authentication credentials invalid\r\n");
                    break;
                case "MAIL":
                    if (Account is not null && !authenticated) { await writer.WriteAsync("530 5.7.0 Authentication required\r\n"); break; }
                    if (RejectMailWith is not null) { await writer.WriteAsync(RejectMailWith + "\r\n"); break; }
                    from = Address(argument);
                    recipients.Clear();
                    await writer.WriteAsync("250 2.1.0 Ok\r\n");
                    break;
                case "RCPT":
                    if (from is null) { await writer.WriteAsync("503 5.5.1 MAIL first\r\n"); break; }
                    recipients.Add(Address(argument));
                    await writer.WriteAsync("250 2.1.5 Ok\r\n");
                    break;
                case "DATA":
                    if (recipients.Count == 0) { await writer.WriteAsync("503 5.5.1 RCPT first\r\n"); break; }
                    await writer.WriteAsync("354 End data with <CR><LF>.<CR><LF>\r\n");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    Messages.Enqueue(new ReceivedMail(from!, [.. recipients], data.ToString(), encrypted));
                    from = null;
                    await writer.WriteAsync("250 2.0.0 Ok: queued\r\n");
                    break;
                case "RSET":
                    from = null;
                    recipients.Clear();
                    await writer.WriteAsync("250 2.0.0 Ok\r\n");
                    break;
                case "NOOP":
                    await writer.WriteAsync("250 2.0.0 Ok\r\n");
                    break;
                case "QUIT":
                    await writer.WriteAsync("221 2.0.0 Bye\r\n");
                    return;
                default:
                    await writer.WriteAsync("502 5.5.2 Command not recognized\r\n");
                    break;
            }
        }
    }

    private async Task<bool> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer)
    {
        var parts = argument.Split(' ', 2);
        string user, password;
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var initial = parts.Length > 1 ? parts[1] : await Challenge(reader, writer, "");
            var fields = Decode(initial).Split('\0');
            (user, password) = (fields.Length == 3 ? fields[1] : "", fields.Length == 3 ? fields[2] : "");
        }
        else if (parts[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            user = Decode(parts.Length > 1 ? parts[1] : await Challenge(reader, writer, "VXNlcm5hbWU6"));
            password = Decode(await Challenge(reader, writer, "UGFzc3dvcmQ6"));
        }
        else
        {
            return false;
        }
        Logins.Enqueue(user);
        return Account is { } a && a.User == user && a.Password == password;
    }

    private async Task<string> Challenge(StreamReader reader, StreamWriter writer, string prompt)
    {
        await writer.WriteAsync($"334 {prompt}\r\n");
        return await reader.ReadLineAsync(stop.Token) ?? "";
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));

    private static string Address(string argument) => argument[(argument.IndexOf('<') + 1)..argument.IndexOf('>')];

    private static (StreamReader, StreamWriter) Open(Stream stream) =>
        (new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true), new StreamWriter(stream, new UTF8Encoding(false), 4096, leaveOpen: true) { AutoFlush = true, NewLine = "\r\n" });

    private readonly Lazy<X509Certificate2> SelfSigned = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    });

    /// <summary>
    /// Trusts the receiver's self-signed certificate for this user (.NET on Linux honours the CurrentUser\Root store)
    /// until the result is disposed, so a client can complete STARTTLS and sign in. Each receiver has a certificate of its own.
    /// </summary>
    public IDisposable TrustCertificateForCurrentUser()
    {
        var store = new X509Store(StoreName.Root, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        using var publicOnly = X509CertificateLoader.LoadCertificate(SelfSigned.Value.Export(X509ContentType.Cert));
        store.Add(publicOnly);
        return new Untrust(store, SelfSigned.Value.Thumbprint);
    }

    private sealed class Untrust(X509Store store, string thumbprint) : IDisposable
    {
        public void Dispose()
        {
            foreach (var c in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false)) store.Remove(c);
            store.Dispose();
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        serving.Wait(TimeSpan.FromSeconds(5));
        stop.Dispose();
    }
}

internal sealed record ReceivedMail(string From, IReadOnlyList<string> Recipients, string Data, bool Encrypted)
{
    /// <summary>A header's value (unfolded), or null.</summary>
    public string? Header(string name)
    {
        var head = Data[..Data.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
        return head.Split("\r\n").FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
    }

    /// <summary>The body, decoded from base64 or quoted-printable when the message says so.</summary>
    public string Body
    {
        get
        {
            var body = Data[(Data.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            return Header("Content-Transfer-Encoding")?.ToLowerInvariant() switch
            {
                "base64" => Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal))),
                "quoted-printable" => QuotedPrintable(body),
                _ => body,
            };
        }
    }

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var source = text.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '=' && i + 2 < source.Length) { bytes.Add(Convert.ToByte(source.Substring(i + 1, 2), 16)); i += 2; }
            else bytes.AddRange(Encoding.UTF8.GetBytes(source[i].ToString()));
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
