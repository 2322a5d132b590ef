using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ValueGuard.Configuration.Contracts;
using ValueGuard.EdgeHub.Twin;

namespace ValueGuard.EdgeHub.Contracts;

/// <summary>
/// Applies contracts delivered as desired properties, <c>"contracts": { "&lt;name&gt;": "&lt;contract YAML&gt;" }</c>.
/// Each is validated like a contract file (errors as <c>twin:contracts/&lt;name&gt;:line:col: error: …</c>); an
/// invalid one changes nothing. The outcome is the reported-properties patch to send back:
/// <c>"contracts": { "&lt;name&gt;": { "status": "accepted" | "rejected", "desiredVersion", "acceptedVersion",
/// "contract", "sha256", "errors" } }</c>; a rejection leaves the accepted version and hash of what is in force.
/// </summary>
public sealed partial class TwinContractUpdater(IContractUpdateTarget target, ILogger<TwinContractUpdater> log)
{
    public const string DesiredKey = "contracts";
    private readonly Dictionary<string, string> applied = new(StringComparer.Ordinal);

    /// <summary>Validates and applies the contracts in <paramref name="update"/>; returns the reported patch, or null when it holds no contracts.</summary>
    public async Task<JsonObject?> HandleAsync(DesiredPropertiesUpdate update, CancellationToken ct)
    {
        if (update.Properties[DesiredKey] is not JsonObject contracts) return null;
        var reported = new JsonObject();
        foreach (var (name, node) in contracts)
        {
            if (name.StartsWith('$')) continue;
            if (node is not JsonValue value || !value.TryGetValue<string>(out var yaml))
            {
                // null removes the entry from desired; taking a contract out of force is a decision for the site file.
                if (node is null) continue;
                reported[name] = Rejected(update.Version, [$"twin:{DesiredKey}/{name}: error: the value must be the contract's YAML text as one string"]);
                continue;
            }
            var source = $"twin:{DesiredKey}/{name}";
            var result = ContractLoader.Load(source, yaml, target.Catalog);
            if (!result.IsValid)
            {
                var errors = result.Errors.Select(e => e.ToString()).ToList();
                LogRejected(name, update.Version, errors.Count, string.Join("; ", errors));
                reported[name] = Rejected(update.Version, errors);
                continue;
            }
            var contract = result.Value!;
            // The whole desired section comes again after every reconnect: an unchanged contract is not applied twice.
            if (applied.TryGetValue(name, out var sha) && sha == contract.SourceSha256 && update.IsComplete) continue;
            try
            {
                await target.ApplyContractAsync(contract, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRejected(name, update.Version, 1, e.Message);
                reported[name] = Rejected(update.Version, [$"{source}: error: the gateway could not apply the contract: {e.Message}"]);
                continue;
            }
            applied[name] = contract.SourceSha256;
            LogAccepted(name, contract.Id, update.Version, contract.SourceSha256);
            reported[name] = new JsonObject
            {
                ["status"] = "accepted",
                ["desiredVersion"] = update.Version,
                ["acceptedVersion"] = update.Version,
                ["contract"] = contract.Id,
                ["sha256"] = contract.SourceSha256,
                ["errors"] = null,
            };
        }
        return reported.Count == 0 ? null : new JsonObject { [DesiredKey] = reported };
    }

    private static JsonObject Rejected(long version, IEnumerable<string> errors) => new()
    {
        ["status"] = "rejected",
        ["desiredVersion"] = version,
        ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode?)JsonValue.Create(e))]),
    };

    [LoggerMessage(EventId = 6011, EventName = "TwinContractAccepted", Level = LogLevel.Information,
        Message = "Contract {Name} ({ContractId}) from desired properties version {Version} is in force (sha256 {Sha256})")]
    private partial void LogAccepted(string name, string contractId, long version, string sha256);

    [LoggerMessage(EventId = 6012, EventName = "TwinContractRejected", Level = LogLevel.Warning,
        Message = "Contract {Name} from desired properties version {Version} rejected with {ErrorCount} error(s); nothing changed: {Errors}")]
    private partial void LogRejected(string name, long version, int errorCount, string errors);
}
