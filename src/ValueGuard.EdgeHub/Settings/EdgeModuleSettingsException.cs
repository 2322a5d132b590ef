namespace ValueGuard.EdgeHub.Settings;

/// <summary>The module's environment does not describe an IoT Edge module; the message names the variable and the fix.</summary>
public sealed class EdgeModuleSettingsException(string message) : Exception(message);
