using Microsoft.Extensions.Logging;

namespace ValueGuard.Ingest.Serial.Transport;

/// <summary>The log events of a serial line's life, shared by Modbus buses and ASCII devices so operators alert on one set.</summary>
internal static partial class SerialLineLog
{
    [LoggerMessage(EventId = 5103, EventName = "SerialLineOpened", Level = LogLevel.Information,
        Message = "Serial line {Port} opened (device {Device}); reading {DeviceCount} device(s)")]
    public static partial void LineOpened(ILogger log, string port, string device, int deviceCount);

    [LoggerMessage(EventId = 5104, EventName = "SerialLineUnavailable", Level = LogLevel.Warning,
        Message = "Serial line {Port} cannot be opened: {Error}; trying again in {Delay}")]
    public static partial void LineUnavailable(ILogger log, string port, string error, TimeSpan delay);

    [LoggerMessage(EventId = 5105, EventName = "SerialLineLost", Level = LogLevel.Warning,
        Message = "Serial line {Port} went away: {Error}; opening it again in {Delay}")]
    public static partial void LineLost(ILogger log, string port, string error, TimeSpan delay);

    [LoggerMessage(EventId = 5106, EventName = "SerialLineReenumerated", Level = LogLevel.Information,
        Message = "Serial line {Port} now leads to {Device} (was {PreviousDevice}): the adapter was enumerated again; its devices stay on this port")]
    public static partial void LineReenumerated(ILogger log, string port, string device, string previousDevice);

    [LoggerMessage(EventId = 5107, EventName = "SerialPortNameUnstable", Level = LogLevel.Warning,
        Message = "Serial line {Port} is named by its kernel name, which can change when adapters are plugged in another order; name it by its /dev/serial/by-id/ link")]
    public static partial void PortNameUnstable(ILogger log, string port);
}
