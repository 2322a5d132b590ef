using System.IO.Ports;
using ValueGuard.Configuration.Sites;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Polling;

/// <summary>The Modbus RTU buses of a validated site: one per serial port that has devices with a modbus-rtu profile.</summary>
public static class SiteModbusBuses
{
    public static IReadOnlyList<ModbusBus> From(SiteModel site)
    {
        var buses = new List<ModbusBus>();
        foreach (var port in site.Site.SerialPorts)
        {
            var devices = site.Site.Devices
                .Where(d => d.Port == port.Port && site.ProfileOf(d).Modbus is not null)
                .Select(d => new ModbusDevicePoller(ProfileRegisterMap.ToModbusDevice(site.ProfileOf(d), d.Id, d.Slave)))
                .ToList();
            if (devices.Count == 0) continue;
            buses.Add(new ModbusBus(LineSettings(port), MasterOptions(port), devices));
        }
        return buses;
    }

    public static SerialLineSettings LineSettings(SerialPortConfig port) =>
        new(port.Port, port.Baud, ParseParity(port.Parity), port.StopBits == 2 ? StopBits.Two : StopBits.One, port.DataBits);

    public static ModbusMasterOptions MasterOptions(SerialPortConfig port) =>
        new() { ResponseTimeout = port.Timeout, Retries = port.Retries, RequestGap = port.Gap };

    public static Parity ParseParity(string parity) => parity switch
    {
        "none" => Parity.None,
        "odd" => Parity.Odd,
        "even" => Parity.Even,
        _ => throw new ArgumentException($"Parity '{parity}' is not none, even or odd.", nameof(parity)),
    };
}
