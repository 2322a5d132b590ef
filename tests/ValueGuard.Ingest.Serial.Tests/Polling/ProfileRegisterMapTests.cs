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
}
