using System.CommandLine;
using ValueGuard.Cli.Commands;

var root = new RootCommand("ValueGuard: checks a plant's contractual value commitments against its real telemetry")
{
    DemoCommand.Create(),
    ValidateCommand.Create(),
    RunCommand.Create(),
    VerifyCommand.Create(),
    EvaluateCommand.Create(),
    ReportCommand.Create(),
    DryRunCommand.Create(),
    StatesCommand.Create(),
    ProbeSerialCommand.Create(),
};
root.Options.Add(GlobalOptions.LogFormatOption);
return await root.Parse(args).InvokeAsync();
