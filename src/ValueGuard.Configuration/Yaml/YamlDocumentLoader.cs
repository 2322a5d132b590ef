using ValueGuard.Configuration.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Yaml;

/// <summary>Parses a YAML file into its node tree, turning syntax errors into <see cref="ConfigError"/>s.</summary>
public static class YamlDocumentLoader
{
    public static YamlMappingNode? Load(string file, string text, ErrorList errors)
    {
        var stream = new YamlStream();
        var parser = new MarkTrackingParser(text);
        try
        {
            if (!YamlShapeLimits.Check(text, errors)) return null;
            stream.Load(parser);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed files (found by the hostile-input tests).
            errors.Add(parser.Last, "the file is not valid YAML here", "check indentation (spaces, not tabs), quoting, brackets and stray document markers (---, ...) near this place");
            return null;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            errors.Add(e.Start, $"the file is not valid YAML: {TrimMark(message)}", "check indentation (spaces, not tabs) and quoting near this place");
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new Mark(0, 1, 1), "the file must hold one YAML mapping (key: value lines)", $"see the examples in deployment/examples for the shape of {Path.GetFileName(file)}");
            return null;
        }
        return root;
    }

    private static string TrimMark(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: …) - (…): "; the location is reported separately.
        var at = message.LastIndexOf("): ", StringComparison.Ordinal);
        return at >= 0 ? message[(at + 3)..] : message;
    }
}
