using ValueGuard.Ingest.Serial.Transport;

namespace ValueGuard.Ingest.Serial.Modbus;

/// <summary>
/// Reads the answer to one request from the bus. RTU frames have no start marker, so after noise the reader
/// resynchronises by dropping one byte at a time until a frame with the expected slave, function, length and
/// a valid CRC starts at the front of what it holds.
/// </summary>
internal sealed class RtuResponseReader(ISerialLine port, TimeProvider time)
{
    // Longest RTU frame is 256 bytes; room for noise in front of it.
    private readonly byte[] buffer = new byte[1024];

    public RtuResponse Read(ModbusRequest request, TimeSpan timeout, ModbusBusCounters counters)
    {
        var started = time.GetTimestamp();
        var filled = 0;
        while (true)
        {
            var outcome = Scan(request, ref filled, counters, out var response);
            if (outcome is not null) return outcome.Value == RtuOutcome.Valid ? response : new RtuResponse(outcome.Value, default, []);
            var remaining = timeout - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) return new RtuResponse(RtuOutcome.Timeout, default, []);
            if (filled == buffer.Length)
            {
                counters.OnNoise(filled);
                filled = 0;
            }
            filled += port.Read(buffer.AsSpan(filled), remaining);
        }
    }

    /// <summary>Looks for the answer at the front of the buffer; null when more bytes are needed.</summary>
    private RtuOutcome? Scan(ModbusRequest request, ref int filled, ModbusBusCounters counters, out RtuResponse response)
    {
        response = default;
        while (filled >= 2)
        {
            var function = (byte)request.Function;
            var isException = buffer[1] == (function | 0x80);
            if (buffer[0] != request.Slave || (buffer[1] != function && !isException))
            {
                Drop(ref filled, 1, counters);
                continue;
            }
            var length = isException ? 5 : request.ResponseLength;
            if (!isException && request.ResponseDataLength is { } n && filled >= 3 && buffer[2] != n)
            {
                Drop(ref filled, 1, counters);
                continue;
            }
            if (filled < length) return null;
            var frame = buffer.AsSpan(0, length);
            if (!ModbusCrc.IsValid(frame))
            {
                counters.OnCrcError();
                Drop(ref filled, 1, counters);
                continue;
            }
            if (isException)
            {
                response = new RtuResponse(RtuOutcome.Valid, (ModbusExceptionCode)buffer[2], []);
                return RtuOutcome.Valid;
            }
            if (!request.IsAnsweredBy(frame))
            {
                Drop(ref filled, 1, counters);
                continue;
            }
            var data = request.ResponseDataLength is { } count ? frame.Slice(3, count).ToArray() : frame.Slice(2, 4).ToArray();
            response = new RtuResponse(RtuOutcome.Valid, null, data);
            return RtuOutcome.Valid;
        }
        return null;
    }

    private void Drop(ref int filled, int count, ModbusBusCounters counters)
    {
        buffer.AsSpan(count, filled - count).CopyTo(buffer);
        filled -= count;
        counters.OnNoise(count);
    }
}

internal enum RtuOutcome { Valid, Timeout }

/// <summary>A valid frame: either data (reads: the bytes after the byte count; writes: the echo) or an exception code.</summary>
internal readonly record struct RtuResponse(RtuOutcome Outcome, ModbusExceptionCode? Exception, byte[] Data);
