namespace ValueGuard.Configuration.Errors;

/// <summary>A problem in a configuration file a person can fix: where it is, what is wrong, how to fix it.</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message, string? Hint = null)
{
    public override string ToString() =>
        Hint is null ? $"{File}:{Line}:{Column}: error: {Message}" : $"{File}:{Line}:{Column}: error: {Message} (hint: {Hint})";
}
