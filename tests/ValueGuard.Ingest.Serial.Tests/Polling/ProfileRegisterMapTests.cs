using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Configuration.Profiles;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Polling;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Tests.Fakes;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Polling;

public sealed class ProfileRegisterMapTests
{
    [Fact]
    public async Task The_shipped_modbus_rtu_profile_polls_into_samples_named_device_and_signal()
    {
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "spindle-drive-modbus.yaml")).Value!;
        var bank = new RegisterBank();
        bank.SetValue(ModbusTable.Holding, 0, 61.25, RegisterType.Float32, DataOrder.BigEndian);
        bank.SetRegisters(ModbusTable.Holding, 2, 1);
        bank.SetValue(ModbusTable.Holding, 3, 123_456, RegisterType.UInt32, new DataOrder(Endianness.Little, Endianness.Big));
        bank.SetRegisters(ModbusTable.Input, 0, 0b1000, unchecked((ushort)-250));
        var line = new MemoryLine();
        using var slave = new ModbusSlaveSimulator(line.Slave, new Dictionary<byte, RegisterBank> { [4] = bank });
        using var master = new ModbusRtuMaster(line.Master, new ModbusMasterOptions(), TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);
        var clock = new ManualClock(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero));

        var poller = new ModbusDevicePoller(ProfileRegisterMap.ToModbusDevice(profile, "spindle-2"));
        var result = await poller.PollAsync(master, clock, CancellationToken.None);

        Assert.Empty(result.Failures);
        Assert.Equal(2, poller.Plan.Count);
        Assert.Equal(["spindle-2/door_open=1", "spindle-2/load=-30", "spindle-2/parts=123456", "spindle-2/running=1", "spindle-2/temperature=61.25"],
            result.Samples.Select(s => FormattableString.Invariant($"{s.Signal}={Math.Round(s.Value, 9)}")).Order());
        Assert.All(result.Samples, s => Assert.Equal(clock.Now, s.Timestamp));
    }

    [Fact]
    public async Task The_shipped_sdm630_profile_reads_a_meter_in_four_requests()
    {
        var profile = DeviceProfileLoader.LoadFile(Path.Combine(RepoPaths.DeviceProfiles, "eastron-sdm630.yaml")).Value!;
        var bank = new RegisterBank();
        var values = new Dictionary<ushort, double> { [0] = 230.5, [2] = 231.25, [4] = 229.75, [6] = 12.5, [12] = 2875.5, [52] = 8640.25, [70] = 50.0, [72] = 12345.5, [342] = 12400.75 };
        foreach (var (address, value) in values) bank.SetValue(ModbusTable.Input, address, value, RegisterType.Float32, DataOrder.BigEndian);
        var line = new MemoryLine();
        using var slave = new ModbusSlaveSimulator(line.Slave, new Dictionary<byte, RegisterBank> { [1] = bank });
        using var master = new ModbusRtuMaster(line.Master, new ModbusMasterOptions(), TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);

        var poller = new ModbusDevicePoller(ProfileRegisterMap.ToModbusDevice(profile, "meter-1"));
        var result = await poller.PollAsync(master, new ManualClock(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        Assert.Empty(result.Failures);
        Assert.Equal(4, poller.Plan.Count); // 30001-30018, 30053-54, 30071-76, 30343-44
        var byName = result.Samples.ToDictionary(s => s.Signal.Signal, s => s.Value);
        Assert.Equal(14, byName.Count);
        Assert.Equal((230.5, 2875.5, 8640.25, 50.0, 12345.5, 12400.75),
            (byName["voltage_l1"], byName["power_l1"], byName["power_total"], byName["frequency"], byName["import_kwh"], byName["total_kwh"]));
    }
}
