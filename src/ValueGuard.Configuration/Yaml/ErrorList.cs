using ValueGuard.Configuration.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Yaml;

/// <summary>Collects the errors of one file, placing each at a YAML node.</summary>
public sealed class ErrorList
{
    private readonly List<ConfigError> errors = [];

    public ErrorList(string file)
    {
        File = file;
    }

    public string File { get; }

    public IReadOnlyList<ConfigError> Errors => errors;

    public bool Any => errors.Count > 0;

    public void Add(YamlNode node, string message, string? hint = null) => Add(node.Start, message, hint);

    public void Add(Mark mark, string message, string? hint = null) =>
        errors.Add(new ConfigError(File, (int)mark.Line, (int)mark.Column, message, hint));

    public void AddRange(IEnumerable<ConfigError> more) => errors.AddRange(more);
}
