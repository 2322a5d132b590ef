using ValueGuard.Configuration.Profiles;
using ValueGuard.Core.Signals;
using ValueGuard.Testing;

namespace ValueGuard.Configuration.Tests;

public class ModbusProfileTests
{
    [Fact]
    public void Shipped_modbus_rtu_profile_loads_its_register_map_and_signals()
    {
        var result = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "spindle-drive-modbus.yaml"));

        Assert.Empty(result.Errors);
        var profile = result.Value!;
        Assert.Null(profile.Mqtt);
        Assert.Equal((TimeSpan.FromSeconds(1), (byte)4, 5), (profile.Modbus!.Poll, profile.Modbus.Slave, profile.Modbus.Registers.Count));
        Assert.Equal(new ModbusRegisterMapping("parts", "holding", 3, "uint32", WordOrder: "little"), profile.Modbus.Registers[2]);
        Assert.Equal(new ModbusRegisterMapping("door_open", "input", 0, "uint16", Bit: 3), profile.Modbus.Registers[3]);
        Assert.Equal(new ModbusRegisterMapping("load", "input", 1, "int16", Scale: 0.1, Offset: -5), profile.Modbus.Registers[4]);
        Assert.Equal(SignalKind.Counter, profile.Signals["parts"].Kind);
        Assert.Equal(SignalKind.Bool, profile.Signals["door_open"].Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), profile.Signals["door_open"].MaxGap);
        Assert.Equal("degC", profile.Signals["temperature"].Unit);
    }

    [Fact]
    public void Register_mistakes_are_reported_at_their_line_and_column_with_a_fix()
    {
        const string text = """
            profile: bad
            transport: modbus-rtu
            modbus:
              registers:
                - { signal: a, table: holdng, address: 0 }
                - { signal: b, table: holding, address: 70000 }
                - { signal: c, table: holding, address: 5, type: float32, bit: 2 }
                - { signal: c, table: coil, address: 1, word_order: middle }
            """;

        var errors = DeviceProfileLoader.Load("bad.yaml", text).Errors;

        Assert.Collection(errors.OrderBy(e => e.Line).ThenBy(e => e.Column),
            e => Assert.Equal((5, 27, "did you mean 'holding'?"), (e.Line, e.Column, e.Hint)),
            e => Assert.Equal((6, 45, "write the zero-based protocol address; a manual's 40001 is holding address 0"), (e.Line, e.Column, e.Hint)),
            e => Assert.Equal((7, 68), (e.Line, e.Column)),
            e => Assert.Equal((8, 17), (e.Line, e.Column)),
            e => Assert.Equal((8, 57), (e.Line, e.Column)));
        Assert.Contains("mapped twice", errors.Single(e => e.Line == 8 && e.Column == 17).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_modbus_profile_may_not_carry_an_mqtt_section_or_separate_signals()
    {
        const string text = """
            profile: mixed
            transport: modbus-rtu
            mqtt: { topic: "a/{device}" }
            modbus:
              registers: [ { signal: a, table: input, address: 0 } ]
            signals:
              a: { field: x, type: float }
            """;

        var errors = DeviceProfileLoader.Load("mixed.yaml", text).Errors;

        Assert.Equal([3, 7], errors.Select(e => e.Line).Order());
    }

    [Fact]
    public void An_unknown_transport_names_both_supported_ones()
    {
        var error = DeviceProfileLoader.Load("x.yaml", "profile: x\ntransport: modbus-tcp\n").Errors.Single(e => e.Line == 2);

        Assert.Contains("modbus-rtu", error.Hint, StringComparison.Ordinal);
    }
}
