using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ValueGuard.Configuration.Yaml;

/// <summary>A YAML parser that remembers where its latest event started, to place errors YamlDotNet raises without a location.</summary>
internal sealed class MarkTrackingParser(string text) : IParser
{
    private readonly Parser inner = new(new StringReader(text));

    public Mark Last { get; private set; } = new(0, 1, 1);

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        var more = inner.MoveNext();
        if (more && inner.Current is { } current) Last = current.Start;
        return more;
    }
}
