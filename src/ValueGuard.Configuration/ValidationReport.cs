using ValueGuard.Configuration.Errors;

namespace ValueGuard.Configuration;

/// <summary>The outcome of validating a set of files: every error, and notes about what was not checked.</summary>
public sealed class ValidationReport
{
    private readonly List<ConfigError> errors = [];

    public IReadOnlyList<ConfigError> Errors => errors;

    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);

    public List<string> Notes { get; } = [];

    public bool IsValid => errors.Count == 0;

    public void Add(string file, IEnumerable<ConfigError> more)
    {
        Files.Add(file);
        foreach (var e in more)
            if (!errors.Contains(e)) errors.Add(e);
    }
}
