namespace ValueGuard.Configuration.Sites;

/// <summary>
/// One serial line of the site (an RS-485 bus of Modbus RTU slaves, or an RS-232/RS-485 line of one ASCII device,
/// usually through a USB adapter): its device path, character format and the Modbus RTU master's timing. <see cref="Parity"/> is none, even or odd. Defaults are the Modbus serial-line
/// defaults (19200 baud, even parity, one stop bit).
/// </summary>
public sealed record SerialPortConfig(string Port)
{
    public int Baud { get; init; } = 19200;

    public string Parity { get; init; } = "even";

    public int StopBits { get; init; } = 1;

    /// <summary>8 for Modbus RTU; some ASCII devices (older balances and indicators) send 7 data bits.</summary>
    public int DataBits { get; init; } = 8;

    /// <summary>Silence kept between one exchange and the next request, on top of the RTU 3.5 characters.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.Zero;

    /// <summary>How long a slave has to answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Further attempts after a timeout or a garbled answer.</summary>
    public int Retries { get; init; } = 2;
}
