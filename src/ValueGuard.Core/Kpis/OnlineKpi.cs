using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;
using ValueGuard.Core.Windows;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Online rate: the share of time each listed device was heard from (any of its signals) within its
/// heartbeat timeout, averaged over the devices. Silence is the measurement here (offline), so coverage
/// is the counted window time, not the heard time, less lost time: when a device's samples were accepted
/// and then dropped, that time is unknown, neither online nor offline.
/// </summary>
public sealed record OnlineKpi(IReadOnlyList<string> Devices, TimeSpan HeartbeatTimeout) : KpiDefinition
{
    public override string Kind => "online";

    public override QuantityUnit Unit => QuantityUnit.Percent;

    public override IReadOnlyList<SignalId> Inputs => [];

    public override bool HonoursExclusions => true;

    public override IReadOnlyList<SignalId> InputsFrom(ISignalCatalog catalog) =>
        [.. Devices.SelectMany(d => catalog.SignalsOf(d).Select(s => s.Id))];

    public override KpiResult Compute(EvaluationWindowInputs inputs)
    {
        var window = inputs.Window;
        var online = TimeSpan.Zero;
        var used = 0;
        var lists = new List<IReadOnlyList<Sample>>();
        var counted = TimeSpan.Zero;
        foreach (var device in Devices)
        {
            // A lost sample would have kept the device online for the heartbeat timeout after it.
            var lost = new IntervalSet(inputs.SignalsOfDevice(device).SelectMany(s => inputs.LostTimeOf(s).Intervals).Select(i => i with { To = i.To + HeartbeatTimeout }));
            counted += inputs.CountedLength - inputs.CountedLostTime(lost);
            var heard = inputs.SignalsOfDevice(device).SelectMany(inputs.SamplesOf).Select(s => s.Timestamp).Order().ToList();
            lists.AddRange(inputs.SignalsOfDevice(device).Select(inputs.SamplesOf));
            var until = DateTimeOffset.MinValue;
            foreach (var t in heard)
            {
                used++;
                var from = t > until ? t : until;
                var to = t + HeartbeatTimeout;
                if (to <= from) continue;
                var a = from > window.From ? from : window.From;
                var b = to < window.To ? to : window.To;
                if (b > a) online += b - a - inputs.Excluded.Overlap(a, b) - CountedLost(lost, inputs.Excluded, a, b);
                until = to;
            }
        }
        var whole = inputs.CountedLength * Devices.Count;
        var value = counted > TimeSpan.Zero ? online / counted : double.NaN;
        return new KpiResult(value, Unit, whole > TimeSpan.Zero ? counted / whole : 0, window, used, InputsDigest.Compute(window, lists));
    }

    private static TimeSpan CountedLost(IntervalSet lost, IntervalSet excluded, DateTimeOffset from, DateTimeOffset to)
    {
        if (lost.IsEmpty) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        foreach (var i in lost.Intervals)
        {
            var a = i.From > from ? i.From : from;
            var b = i.To < to ? i.To : to;
            if (b > a) total += b - a - excluded.Overlap(a, b);
        }
        return total;
    }

    public override string ToString() => $"OnlineKpi {{ Devices = [{string.Join(", ", Devices)}], HeartbeatTimeout = {HeartbeatTimeout} }}";

    public override string DescribeMethod() =>
        $"share of time each of {string.Join(", ", Devices)} sent any signal within the last {DurationSyntax.Format(HeartbeatTimeout)}, averaged over the devices; silence counts as offline";
}
