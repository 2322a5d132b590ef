using System.Globalization;

namespace ValueGuard.EdgeHub.Topics;

/// <summary>
/// The MQTT topics of one module on edgeHub (notes/iotedge-mqtt-protocol.md §5): outputs, inputs,
/// module twin and direct methods. Builds what the module publishes and parses what it receives.
/// </summary>
public sealed class ModuleTopics(string deviceId, string moduleId)
{
    public const string TwinResponses = "$iothub/twin/res/#";
    public const string DesiredPatches = "$iothub/twin/PATCH/properties/desired/#";
    public const string MethodRequests = "$iothub/methods/POST/#";
    private const string TwinResponsePrefix = "$iothub/twin/res/";
    private const string DesiredPatchPrefix = "$iothub/twin/PATCH/properties/desired/";
    private const string MethodRequestPrefix = "$iothub/methods/POST/";

    /// <summary>The only input filter form edgeHub recognises: <c>devices/{d}/modules/{m}/#</c>.</summary>
    public string Inputs => $"devices/{deviceId}/modules/{moduleId}/#";

    /// <summary>Telemetry topic with the property bag; <c>$.on</c> names the output that routes see.</summary>
    public string Events(IEnumerable<KeyValuePair<string, string?>> properties) =>
        $"devices/{deviceId}/modules/{moduleId}/messages/events/{PropertyBag.Encode(properties)}";

    public static string TwinGet(string rid) => $"$iothub/twin/GET/?$rid={rid}";

    public static string ReportedPatch(string rid) => $"$iothub/twin/PATCH/properties/reported/?$rid={rid}";

    public static string MethodResponse(int status, string rid) => $"$iothub/methods/res/{status.ToString(CultureInfo.InvariantCulture)}/?$rid={rid}";

    /// <summary><c>…/modules/{m}/inputs/{input}/{bag}</c>: segment 5 is the input name, segment 6 the bag.</summary>
    public bool TryParseInput(string topic, out string inputName, out Dictionary<string, string?> properties)
    {
        inputName = "";
        properties = [];
        var segments = topic.Split('/', 7);
        if (segments.Length < 6 || segments[0] != "devices" || segments[1] != deviceId || segments[2] != "modules"
            || segments[3] != moduleId || segments[4] != "inputs") return false;
        inputName = segments[5];
        if (segments.Length == 7) properties = PropertyBag.Decode(segments[6]);
        return true;
    }

    /// <summary><c>$iothub/twin/res/{status}/?$rid={rid}[&amp;$version=v]</c>.</summary>
    public static bool TryParseTwinResponse(string topic, out int status, out string rid)
    {
        status = 0;
        rid = "";
        if (!topic.StartsWith(TwinResponsePrefix, StringComparison.Ordinal)) return false;
        var rest = topic[TwinResponsePrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !int.TryParse(rest[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out status)) return false;
        return QueryValue(rest[(slash + 1)..], "$rid") is { } value && (rid = value).Length > 0;
    }

    /// <summary><c>$iothub/twin/PATCH/properties/desired/?$version={v}</c>.</summary>
    public static bool IsDesiredPatch(string topic) => topic.StartsWith(DesiredPatchPrefix, StringComparison.Ordinal);

    /// <summary><c>$iothub/methods/POST/{name}/?$rid={rid}</c>.</summary>
    public static bool TryParseMethodRequest(string topic, out string methodName, out string rid)
    {
        methodName = "";
        rid = "";
        if (!topic.StartsWith(MethodRequestPrefix, StringComparison.Ordinal)) return false;
        var rest = topic[MethodRequestPrefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0) return false;
        methodName = rest[..slash];
        return QueryValue(rest[(slash + 1)..], "$rid") is { } value && (rid = value).Length > 0;
    }

    /// <summary>The raw (still encoded) value: a request id is echoed verbatim.</summary>
    private static string? QueryValue(string query, string key)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
            if (pair.StartsWith(key + "=", StringComparison.Ordinal)) return pair[(key.Length + 1)..];
        return null;
    }
}
