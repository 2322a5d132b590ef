using System.CommandLine;
using ValueGuard.Configuration;

namespace ValueGuard.Cli.Commands;

/// <summary><c>valueguard validate FILE...</c>: checks site, device-profile and contract files.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Site, device-profile and contract YAML files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check configuration files and report every error with file:line:column and a hint") { files };
        command.SetAction(parse => Run(parse.GetValue(files)!, Console.Out));
        return command;
    }

    public static int Run(IReadOnlyList<string> files, TextWriter output)
    {
        var report = ConfigurationValidator.Validate(files);
        foreach (var error in report.Errors) output.WriteLine(error);
        foreach (var note in report.Notes) output.WriteLine($"note: {note}");
        if (report.IsValid)
        {
            output.WriteLine($"OK: {report.Files.Count} file(s) valid");
            return 0;
        }
        output.WriteLine($"{report.Errors.Count} error(s) in {report.Errors.Select(e => e.File).Distinct().Count()} file(s)");
        return 1;
    }
}
