namespace ValueGuard.Storage.Spool;

/// <summary>The spool holds <see cref="SpoolOptions.MaxBytes"/> already and refuses more until the store catches up.</summary>
public sealed class SpoolFullException : IOException
{
    public SpoolFullException() : this("The spool is full.") { }

    public SpoolFullException(string message) : base(message) { }

    public SpoolFullException(string message, Exception inner) : base(message, inner) { }
}
