namespace ValueGuard.Core.Escalation;

/// <summary>Who on the vendor side an escalation level addresses; resolved through the contract's owners.</summary>
public enum OwnerRole
{
    /// <summary>The contract's <c>owners.customer_success</c>.</summary>
    CustomerSuccess,
    /// <summary>The contract's <c>owners.delivery</c>.</summary>
    Delivery,
    /// <summary>The contract's <c>owners.sales</c>: the sales manager who answers for the account.</summary>
    SalesManager,
}
