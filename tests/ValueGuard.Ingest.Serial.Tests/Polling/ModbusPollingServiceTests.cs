using Microsoft.Extensions.Logging.Abstractions;
using ValueGuard.Ingest.Serial.Modbus;
using ValueGuard.Ingest.Serial.Polling;
using ValueGuard.Ingest.Serial.Registers;
using ValueGuard.Ingest.Serial.Tests.Fakes;
using ValueGuard.Simulator.Modbus;
using ValueGuard.Testing;

namespace ValueGuard.Ingest.Serial.Tests.Polling;

public sealed class ModbusPollingServiceTests
{
    [Fact]
    public async Task Devices_on_one_bus_are_polled_into_the_store_and_a_dead_one_is_counted()
    {
        var line = new MemoryLine();
        var bank = new RegisterBank();
        bank.SetRegisters(ModbusTable.Holding, 0, 1, 42);
        using var slave = new ModbusSlaveSimulator(line.Slave, new Dictionary<byte, RegisterBank> { [1] = bank });
        using var master = new ModbusRtuMaster(line.Master, new ModbusMasterOptions { ResponseTimeout = TimeSpan.FromMilliseconds(50), MinBackoff = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);
        RegisterPoint[] map = [new("running", ModbusTable.Holding, 0), new("speed", ModbusTable.Holding, 1)];
        var store = new MemoryStore();
        var service = new ModbusPollingService(master,
            [new ModbusDevicePoller(new ModbusDevice("press-1", 1, map, TimeSpan.FromMilliseconds(20))),
             new ModbusDevicePoller(new ModbusDevice("press-2", 2, map, TimeSpan.FromMilliseconds(20)))],
            store, TimeProvider.System, NullLogger<ModbusPollingService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => store.Samples.Count >= 20 && service.FailedReads >= 2, "ten polls of press-1 and failed reads of press-2", seconds: 10);
        await service.StopAsync(CancellationToken.None);

        Assert.All(store.Samples, s => Assert.Equal("press-1", s.Signal.Device));
        Assert.Equal([1.0, 42.0], store.Samples.Take(2).Select(s => s.Value));
        Assert.Equal(store.Samples.Count, service.SamplesStored);
    }

    [Fact]
    public async Task A_failing_store_loses_the_poll_but_not_the_loop()
    {
        var line = new MemoryLine();
        var bank = new RegisterBank();
        using var slave = new ModbusSlaveSimulator(line.Slave, new Dictionary<byte, RegisterBank> { [1] = bank });
        using var master = new ModbusRtuMaster(line.Master, new ModbusMasterOptions(), TimeProvider.System, NullLogger<ModbusRtuMaster>.Instance);
        var store = new MemoryStore { Fail = true };
        var service = new ModbusPollingService(master,
            [new ModbusDevicePoller(new ModbusDevice("press-1", 1, [new RegisterPoint("running", ModbusTable.Coil, 0, RegisterType.Bit)], TimeSpan.FromMilliseconds(20)))],
            store, TimeProvider.System, NullLogger<ModbusPollingService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await Eventually.WaitFor(() => service.Polls >= 3, "three polls while the store fails", seconds: 10);
        store.Fail = false;
        await Eventually.WaitFor(() => store.Samples.Count > 0, "a stored sample once the store works", seconds: 10);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(0, store.Samples[0].Value);
    }
}
