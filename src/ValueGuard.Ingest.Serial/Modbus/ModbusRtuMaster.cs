using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>
/// A Modbus RTU master for one serial bus. Every slave on the bus shares one request queue served by one bus
/// thread, because RTU allows one exchange at a time; the thread keeps the 3.5-character silence and the
/// configured gap between exchanges, retries corrupted or missing answers, and backs off slaves that stop answering.
/// </summary>
public sealed partial class ModbusRtuMaster : IDisposable
{
    private readonly ISerialLine port;
    private readonly ModbusMasterOptions options;
    private readonly TimeProvider time;
    private readonly ILogger log;
    private readonly RtuResponseReader reader;
    private readonly RtuTiming timing;
    private readonly ConcurrentQueue<Pending> queue = new();
    private readonly SemaphoreSlim queued = new(0);
    private readonly SemaphoreSlim room;
    private readonly Dictionary<byte, SlaveHealth> slaves = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;
    private long lastActivity;

    public ModbusRtuMaster(ISerialLine port, ModbusMasterOptions options, TimeProvider time, ILogger<ModbusRtuMaster> log)
    {
        options.Validate();
        this.port = port;
        this.options = options;
        this.time = time;
        this.log = log;
        reader = new RtuResponseReader(port, time);
        timing = new RtuTiming(port.BaudRate);
        room = new SemaphoreSlim(options.QueueCapacity);
        lastActivity = time.GetTimestamp();
        thread = new Thread(Run) { IsBackground = true, Name = $"modbus {port.Name}" };
        thread.Start();
    }

    public ModbusBusCounters Counters { get; } = new();

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte slave, ushort address, ushort count, CancellationToken cancellationToken) =>
        ToRegisters(await ExecuteAsync(ModbusRequest.Read(slave, ModbusFunction.ReadHoldingRegisters, address, count), cancellationToken).ConfigureAwait(false), count);

    public async Task<ushort[]> ReadInputRegistersAsync(byte slave, ushort address, ushort count, CancellationToken cancellationToken) =>
        ToRegisters(await ExecuteAsync(ModbusRequest.Read(slave, ModbusFunction.ReadInputRegisters, address, count), cancellationToken).ConfigureAwait(false), count);

    public async Task<bool[]> ReadCoilsAsync(byte slave, ushort address, ushort count, CancellationToken cancellationToken) =>
        ToBits(await ExecuteAsync(ModbusRequest.Read(slave, ModbusFunction.ReadCoils, address, count), cancellationToken).ConfigureAwait(false), count);

    public async Task<bool[]> ReadDiscreteInputsAsync(byte slave, ushort address, ushort count, CancellationToken cancellationToken) =>
        ToBits(await ExecuteAsync(ModbusRequest.Read(slave, ModbusFunction.ReadDiscreteInputs, address, count), cancellationToken).ConfigureAwait(false), count);

    public Task WriteSingleCoilAsync(byte slave, ushort address, bool on, CancellationToken cancellationToken) =>
        ExecuteAsync(ModbusRequest.WriteSingleCoil(slave, address, on), cancellationToken);

    public Task WriteSingleRegisterAsync(byte slave, ushort address, ushort value, CancellationToken cancellationToken) =>
        ExecuteAsync(ModbusRequest.WriteSingleRegister(slave, address, value), cancellationToken);

    public Task WriteMultipleRegistersAsync(byte slave, ushort address, ushort[] values, CancellationToken cancellationToken) =>
        ExecuteAsync(ModbusRequest.WriteMultipleRegisters(slave, address, values), cancellationToken);

    /// <summary>Queues the request for the bus; the task ends with the response data or the reason there is none.</summary>
    public async Task<byte[]> ExecuteAsync(ModbusRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        var pending = new Pending(request, new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        // A caller that gives up stops waiting at once; the bus thread skips the request when it comes to it.
        using var registration = cancellationToken.Register(() => pending.Completion.TrySetCanceled(cancellationToken));
        queue.Enqueue(pending);
        queued.Release();
        // Disposed while we queued: the bus thread may already have drained the queue for the last time.
        if (stopping.IsCancellationRequested) pending.Completion.TrySetException(new ObjectDisposedException(nameof(ModbusRtuMaster)));
        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                queued.Wait(stopping.Token);
                if (!queue.TryDequeue(out var pending)) continue;
                room.Release();
                if (pending.Cancellation.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.Cancellation);
                    continue;
                }
                try
                {
                    pending.Completion.TrySetResult(Exchange(pending.Request));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    pending.Completion.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            while (queue.TryDequeue(out var left)) left.Completion.TrySetException(new ObjectDisposedException(nameof(ModbusRtuMaster)));
        }
    }

    private byte[] Exchange(ModbusRequest request)
    {
        if (!slaves.TryGetValue(request.Slave, out var health)) slaves[request.Slave] = health = new SlaveHealth();
        var now = time.GetUtcNow();
        if (health.IsBackedOff(now))
        {
            Counters.OnSkipped();
            throw new ModbusSlaveUnavailableException(request.Slave, health.RetryAt);
        }
        var attempts = health.IsFailing ? 1 : 1 + options.Retries;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            KeepSilence();
            port.DiscardInput();
            port.Write(request.Frame);
            Counters.OnRequest();
            // The timeout runs from the end of our transmission, not from the write call returning.
            var response = reader.Read(request, options.ResponseTimeout + timing.Transmission(request.Frame.Length), Counters);
            lastActivity = time.GetTimestamp();
            if (response.Outcome == RtuOutcome.Timeout)
            {
                Counters.OnTimeout();
                continue;
            }
            if (health.IsFailing) LogSlaveRecovered(port.Name, request.Slave, health.ConsecutiveFailures);
            health.OnAnswered();
            if (response.Exception is { } code)
            {
                Counters.OnException();
                throw new ModbusSlaveException(request.Slave, request.Function, code);
            }
            Counters.OnResponse();
            return response.Data;
        }
        var backoff = health.OnFailed(time.GetUtcNow(), options);
        LogSlaveBackedOff(port.Name, request.Slave, attempts, backoff);
        throw new ModbusTimeoutException(request.Slave, request.Function, attempts);
    }

    private void KeepSilence()
    {
        var silence = timing.FrameSilence > options.RequestGap ? timing.FrameSilence : options.RequestGap;
        while (true)
        {
            var left = silence - time.GetElapsedTime(lastActivity);
            if (left <= TimeSpan.Zero) return;
            // Sleep in 1 ms steps and spin only for the sub-millisecond rest: 1.75 ms matters at high baud rates,
            // and spinning longer takes the CPU from the rest of a small gateway.
            if (left > TimeSpan.FromMilliseconds(1.2)) Thread.Sleep(1);
            else Thread.SpinWait(50);
        }
    }

    private static ushort[] ToRegisters(byte[] data, int count)
    {
        var registers = new ushort[count];
        for (var i = 0; i < count; i++) registers[i] = (ushort)(data[2 * i] << 8 | data[2 * i + 1]);
        return registers;
    }

    private static bool[] ToBits(byte[] data, int count)
    {
        var bits = new bool[count];
        for (var i = 0; i < count; i++) bits[i] = (data[i / 8] >> (i % 8) & 1) != 0;
        return bits;
    }

    public void Dispose()
    {
        if (stopping.IsCancellationRequested) return;
        stopping.Cancel();
        if (thread != Thread.CurrentThread) thread.Join(options.ResponseTimeout * (options.Retries + 2));
        port.Dispose();
        stopping.Dispose();
    }

    private sealed record Pending(ModbusRequest Request, TaskCompletionSource<byte[]> Completion, CancellationToken Cancellation);

    [LoggerMessage(EventId = 5001, EventName = "ModbusSlaveBackedOff", Level = LogLevel.Warning,
        Message = "Slave {Slave} on {Port} gave no valid answer in {Attempts} attempt(s); backed off for {Backoff}")]
    private partial void LogSlaveBackedOff(string port, byte slave, int attempts, TimeSpan backoff);

    [LoggerMessage(EventId = 5002, EventName = "ModbusSlaveRecovered", Level = LogLevel.Information,
        Message = "Slave {Slave} on {Port} answers again after {Failures} failed exchange(s)")]
    private partial void LogSlaveRecovered(string port, byte slave, int failures);
}
