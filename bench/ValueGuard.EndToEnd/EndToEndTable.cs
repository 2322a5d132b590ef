using System.Globalization;
using System.Text;

namespace ValueGuard.EndToEnd;

/// <summary>The one table the bench prints, with the issue's targets met or not.</summary>
internal static class EndToEndTable
{
    public static string Format(int messages, double brokerMessagesPerSecond, double influxPointsPerSecond, GatewayResult gateway, IReadOnlyList<BenchRound> rounds)
    {
        var pointsPerMessage = (double)gateway.PointsExpected / messages;
        // InfluxDB's rate in messages of this plant (3 samples each), so all three rates compare in one unit. A "point" of the
        // issue's targets is a sample here: InfluxDB stores a message's 3 samples as one line (one point with 3 fields).
        var influxMessagesPerSecond = influxPointsPerSecond / pointsPerMessage;
        var slower = Math.Min(brokerMessagesPerSecond, influxMessagesPerSecond);
        var slowerName = brokerMessagesPerSecond <= influxMessagesPerSecond ? "broker" : "InfluxDB";
        var ratio = gateway.MessagesPerSecond / slower;
        var ofBroker = gateway.MessagesPerSecond / brokerMessagesPerSecond;
        var rssMb = gateway.PeakRssBytes / 1024.0 / 1024.0;

        var table = new StringBuilder();
        Row(table, "measurement", "value", "target");
        Row(table, "---", "---", "---");
        Row(table, "(1) mosquitto -> mosquitto_sub, QoS 1", $"{brokerMessagesPerSecond:F0} msg/s", "");
        Row(table, "(2) InfluxDB direct line protocol", $"{influxPointsPerSecond:F0} samples/s ({influxMessagesPerSecond:F0} msg/s at {pointsPerMessage:F0} samples/msg)", "");
        Row(table, "(3) gateway end to end", $"{gateway.MessagesPerSecond:F0} msg/s, {gateway.PointsPerSecond:F0} samples/s ({gateway.Seconds:F2} s)", "");
        Row(table, "gateway / broker (1)", $"{ofBroker:P1}", Verdict(ofBroker >= 0.9, ">= 90 %"));
        if (rounds.Count > 1)
            Row(table, $"gateway / broker (1), each of {rounds.Count} rounds", string.Join("; ", rounds.Select(r => $"{r.Ratio:P1}")) + " (the median round is shown)", "");
        Row(table, $"gateway / slower of (1),(2) = {slowerName}", $"{ratio:P1}", "");
        // Loss, memory and CPU are judged on the worst round, not the median one.
        var lost = rounds.Sum(r => r.Gateway.PointsLost);
        var peakMb = rounds.Max(r => r.Gateway.PeakRssBytes) / 1024.0 / 1024.0;
        var cpuPer100k = rounds.Max(r => r.Gateway.CpuSecondsPer100kPoints);
        Row(table, "points (samples) lost", $"{gateway.PointsLost} of {gateway.PointsExpected} ({gateway.PartsStored} of {messages} messages stored)" +
            (rounds.Count > 1 ? $"; {lost} in all {rounds.Count} rounds" : ""), Verdict(lost == 0, "0"));
        Row(table, "gateway peak RSS (VmHWM)", $"{rssMb:F1} MB" + (rounds.Count > 1 ? $"; at most {peakMb:F1} MB in any round" : ""), Verdict(peakMb <= 150, "<= 150 MB"));
        Row(table, "gateway CPU (utime+stime) per 100k points (samples)", $"{gateway.CpuSecondsPer100kPoints:F2} s ({gateway.CpuSeconds:F2} s in all)" +
            (rounds.Count > 1 ? $"; at most {cpuPer100k:F2} s in any round" : ""), Verdict(cpuPer100k <= 5, "<= 5 s"));
        return table.ToString().TrimEnd();
    }

    private static string Verdict(bool met, string target) => $"{target}: {(met ? "met" : "NOT met")}";

    private static void Row(StringBuilder table, string a, string b, string c) =>
        table.Append(CultureInfo.InvariantCulture, $"| {a} | {b} | {c} |\n");
}
