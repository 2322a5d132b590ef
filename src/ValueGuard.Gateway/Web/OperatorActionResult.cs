namespace ValueGuard.Gateway.Web;

/// <summary>The outcome of an operator action: done, refused (and why), or not offered by this gateway.</summary>
public sealed record OperatorActionResult(OperatorActionOutcome Outcome, string State, string Message)
{
    public static OperatorActionResult Done(string state, string message) => new(OperatorActionOutcome.Done, state, message);

    public static OperatorActionResult Refused(string state, string message) => new(OperatorActionOutcome.Refused, state, message);

    public static OperatorActionResult NotFound(string message) => new(OperatorActionOutcome.NotFound, string.Empty, message);

    public static OperatorActionResult NotSupported(string message) => new(OperatorActionOutcome.NotSupported, string.Empty, message);
}
