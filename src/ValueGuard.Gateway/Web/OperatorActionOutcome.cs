namespace ValueGuard.Gateway.Web;

/// <summary>How an operator action ended; the API maps it to 200, 409, 404 and 501.</summary>
public enum OperatorActionOutcome
{
    Done,
    Refused,
    NotFound,
    NotSupported,
}
