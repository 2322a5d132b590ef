namespace ValueGuard.Configuration.Errors;

/// <summary>A loaded configuration object, or the errors that kept it from loading.</summary>
public sealed record ConfigResult<T>(T? Value, IReadOnlyList<ConfigError> Errors) where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;
}
