using ValueGuard.Core.Quantities;
using ValueGuard.Core.Signals;

namespace ValueGuard.Core.Kpis;

/// <summary>
/// Online rate: the share of time each listed device was heard from (any of its signals) within its
/// heartbeat timeout, averaged over the devices. Silence is the measurement here (offline), so coverage
/// is the counted window time, not the heard time.
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
        foreach (var device in Devices)
        {
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
                if (b > a) online += b - a - inputs.Excluded.Overlap(a, b);
                until = to;
            }
        }
        var counted = inputs.CountedLength * Devices.Count;
        var value = counted > TimeSpan.Zero ? online / counted : double.NaN;
        return new KpiResult(value, Unit, counted > TimeSpan.Zero ? 1 : 0, window, used, InputsDigest.Compute(window, lists));
    }

    public override string ToString() => $"OnlineKpi {{ Devices = [{string.Join(", ", Devices)}], HeartbeatTimeout = {HeartbeatTimeout} }}";

    public override string DescribeMethod() =>
        $"share of time each of {string.Join(", ", Devices)} sent any signal within the last {DurationSyntax.Format(HeartbeatTimeout)}, averaged over the devices; silence counts as offline";
}
