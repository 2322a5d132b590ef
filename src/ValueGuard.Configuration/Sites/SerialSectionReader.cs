using System.Globalization;
using ValueGuard.Configuration.Yaml;
using YamlDotNet.RepresentationModel;

namespace ValueGuard.Configuration.Sites;

/// <summary>Reads a site's <c>serial:</c> list and the <c>port:</c>/<c>slave:</c> of its devices.</summary>
internal static class SerialSectionReader
{
    private static readonly int[] Bauds = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];
    private static readonly string[] Parities = ["none", "even", "odd"];

    public static List<SerialPortConfig> ReadPorts(MappingReader site)
    {
        var ports = new List<SerialPortConfig>();
        foreach (var item in site.Sequence("serial")?.Children ?? [])
        {
            if (item is not YamlMappingNode map)
            {
                site.Errors.Add(item, "serial: each port is a mapping { port: /dev/serial/by-id/…, baud: 19200, parity: even }");
                continue;
            }
            var r = new MappingReader(map, "serial port", site.Errors, "port", "baud", "parity", "stop_bits", "data_bits", "gap", "timeout", "retries", "description");
            var port = r.String("port", required: true);
            var config = new SerialPortConfig(port ?? "");
            if (Integer(r, "baud", 1200, 921600) is { } baud)
            {
                if (Bauds.Contains(baud)) config = config with { Baud = baud };
                else r.Errors.Add(r.Scalar("baud")!, $"serial port: baud {baud} is not a standard line speed", $"use one of {string.Join(", ", Bauds)}");
            }
            if (r.Scalar("parity") is { } parity)
            {
                if (Parities.Contains(parity.Value, StringComparer.Ordinal)) config = config with { Parity = parity.Value! };
                else r.Errors.Add(parity, $"serial port: parity '{parity.Value}' is not known", "use none, even or odd (Modbus RTU's default is even)");
            }
            if (Integer(r, "stop_bits", 1, 2) is { } stopBits) config = config with { StopBits = stopBits };
            if (Integer(r, "data_bits", 7, 8) is { } dataBits) config = config with { DataBits = dataBits };
            if (Integer(r, "retries", 0, 10) is { } retries) config = config with { Retries = retries };
            if (r.Duration("gap") is { } gap) config = config with { Gap = gap };
            if (r.Duration("timeout") is { } timeout)
            {
                if (timeout >= TimeSpan.FromMilliseconds(10)) config = config with { Timeout = timeout };
                else r.Errors.Add(r.Scalar("timeout")!, $"serial port: timeout {timeout} is too short", "give slaves at least 10ms to answer; 200ms to 1s is usual");
            }
            if (port is null) continue;
            if (ports.Any(p => p.Port == port)) r.Errors.Add(map, $"serial port '{port}' is listed twice", "list every port once; devices on the same bus name the same port");
            else ports.Add(config);
        }
        return ports;
    }

    /// <summary>Adds the device's port and slave; the port must be one of the site's serial ports.</summary>
    public static DeviceConfig ReadDevice(MappingReader device, DeviceConfig config, IReadOnlyList<SerialPortConfig> ports)
    {
        if (device.Scalar("port") is { } port)
        {
            if (ports.Any(p => p.Port == port.Value)) config = config with { Port = port.Value };
            else device.Errors.Add(port, $"device: port '{port.Value}' is not listed under 'serial:'",
                ports.Count == 0 ? "add the port to a 'serial:' list of the site, for example serial: [{ port: /dev/ttyUSB0, baud: 19200 }]" : $"known ports: {string.Join(", ", ports.Select(p => p.Port))}");
        }
        if (Integer(device, "slave", 1, 247) is { } slave) config = config with { Slave = (byte)slave };
        return config;
    }

    private static int? Integer(MappingReader r, string key, int min, int max)
    {
        var node = r.Scalar(key);
        if (node is null) return null;
        if (int.TryParse(node.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        r.Errors.Add(node, $"{r.What}: {key} '{node.Value}' is not a whole number from {min} to {max}", key == "slave"
            ? "Modbus slave addresses are 1 to 247 (0 is broadcast)"
            : $"write a number from {min} to {max}");
        return null;
    }
}
