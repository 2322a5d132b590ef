using System.Security.Cryptography;
using System.Text;
using ValueGuard.Configuration.Errors;
using ValueGuard.Configuration.Escalation;
using ValueGuard.Configuration.Yaml;
using ValueGuard.Core.Contracts;
using ValueGuard.Core.Escalation;
using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Contracts;

/// <summary>
/// Loads and validates a contract YAML file. With a signal catalog, every signal a clause names must
/// exist on the site; without one, signal names are checked for form only.
/// </summary>
public static class ContractLoader
{
    public static ConfigResult<Contract> Load(string file, string text, ISignalCatalog? catalog) => Load(file, text, catalog, null);

    /// <summary>
    /// As <see cref="Load(string, string, ISignalCatalog?)"/>; with the site's <paramref name="escalation"/> choices a
    /// policy named by the contract must exist and the sinks of an inline policy must be configured.
    /// </summary>
    public static ConfigResult<Contract> Load(string file, string text, ISignalCatalog? catalog, EscalationChoices? escalation)
    {
        var errors = new ErrorList(file);
        var root = YamlDocumentLoader.Load(file, text, errors);
        if (root is null) return new(null, errors.Errors);
        var contract = Read(root, errors, catalog, escalation);
        if (contract is not null)
            contract = contract with { SourceSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))) };
        return new(errors.Any ? null : contract, errors.Errors);
    }

    private static Contract? Read(YamlMappingNode root, ErrorList errors, ISignalCatalog? catalog, EscalationChoices? escalation)
    {
        var r = new MappingReader(root, "contract", errors, "contract", "customer", "timezone", "go_live", "owners", "calendars", "clauses", "escalation");
        var id = r.String("contract", required: true);
        var customer = r.String("customer", required: true);
        var zoneNode = r.Scalar("timezone", required: true);
        if (zoneNode is not null && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneNode.Value!) is null)
            errors.Add(zoneNode, $"contract: time zone '{zoneNode.Value}' is not known", "use an IANA zone name such as Asia/Shanghai or Europe/Berlin");
        var goLive = r.Instant("go_live", required: true);
        var owners = new ContractOwners(null, null, null);
        if (r.Mapping("owners") is { } ownerMap)
        {
            var or = new MappingReader(ownerMap, "owners", errors, "sales", "delivery", "customer_success");
            owners = new ContractOwners(or.String("sales"), or.String("delivery"), or.String("customer_success"));
        }
        var calendars = CalendarReader.Read(r.Mapping("calendars"), errors);
        var clauses = new List<Clause>();
        if (r.Sequence("clauses", required: true) is { } list)
        {
            foreach (var item in list.Children)
            {
                if (item is not YamlMappingNode map) { errors.Add(item, "clauses: each clause is a mapping with id, text, kpi, window and target"); continue; }
                var clause = ClauseReader.Read(map, errors, catalog, calendars);
                if (clause is null) continue;
                if (clauses.Any(c => c.Id == clause.Id)) errors.Add(map, $"clause '{clause.Id}' is defined twice", "give every clause its own id");
                clauses.Add(clause);
            }
        }
        if (id is null || customer is null || zoneNode is null || goLive is null) return null;
        var (policy, policyName) = ReadEscalation(r, errors, escalation);
        return new Contract(id, customer, zoneNode.Value!, goLive.Value, owners, clauses) { Calendars = calendars, Escalation = policy, EscalationPolicyName = policyName };
    }

    public static ConfigResult<Contract> LoadFile(string path, ISignalCatalog? catalog, EscalationChoices? escalation = null) =>
        Load(path, File.ReadAllText(path), catalog, escalation);

    /// <summary><c>escalation: NAME</c> chooses a site policy; <c>escalation: { levels: … }</c> writes one inline.</summary>
    private static (EscalationPolicy? Policy, string? Name) ReadEscalation(MappingReader r, ErrorList errors, EscalationChoices? choices)
    {
        switch (r.Get("escalation"))
        {
            case YamlScalarNode { Value: { } name } scalar:
                if (choices is null) return (null, name);
                if (choices.Policies.TryGetValue(name, out var named)) return (named, name);
                errors.Add(scalar, $"contract: escalation policy '{name}' is not defined in the site file",
                    choices.Policies.Count == 0 ? "define it under escalation.policies in the site file, or write the policy inline" : $"known policies: {string.Join(", ", choices.Policies.Keys.Order(StringComparer.Ordinal))}");
                return (null, name);
            case YamlMappingNode map:
                return (EscalationPolicyReader.Read("contract", map, errors, choices?.Sinks, choices?.TicketSinks), null);
            case { } other:
                errors.Add(other, "contract: 'escalation' is a policy name or a policy mapping with 'levels'");
                return (null, null);
            default:
                return (null, null);
        }
    }
}
