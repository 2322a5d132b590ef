using System.Text.Json.Nodes;

namespace ValueGuard.EdgeHub.Twin;

/// <summary>
/// Desired properties delivered to the module: a patch, or the whole desired section after a (re)connect or a
/// skipped version (patches are not queued while the module is away).
/// </summary>
public sealed record DesiredPropertiesUpdate(JsonObject Properties, long Version, bool IsComplete);
