using System.CommandLine;
using ValueGuard.Cli.Commands;
using ValueGuard.Cli.Security;

FileCreationMask.ApplyOwnerOnly();

var root = new RootCommand("ValueGuard: checks a plant's contractual value commitments against its real telemetry")
{
    DemoCommand.Create(),
    ValidateCommand.Create(),
    RunCommand.Create(),
    VerifyCommand.Create(),
    EvaluateCommand.Create(),
    ReportCommand.Create(),
    DryRunCommand.Create(),
    EscalationCommand.Create(),
    StatesCommand.Create(),
    OperatorActionCommand.Create(ValueGuard.Core.Commitments.OperatorActionKind.Acknowledge),
    OperatorActionCommand.Create(ValueGuard.Core.Commitments.OperatorActionKind.Snooze),
    OperatorActionCommand.Create(ValueGuard.Core.Commitments.OperatorActionKind.Waive),
    ManifestCommand.Create(),
    StatusCommand.Create(),
    ProbeSerialCommand.Create(),
};
root.Options.Add(GlobalOptions.LogFormatOption);
return await root.Parse(args).InvokeAsync();
