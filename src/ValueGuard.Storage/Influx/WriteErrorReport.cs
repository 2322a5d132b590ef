using System.Globalization;
using System.Text.RegularExpressions;

namespace ValueGuard.Storage.Influx;

/// <summary>
/// Reads InfluxDB 1.x's answer to a refused write. 1.6 stores every line it can parse and answers 400 with
/// <c>partial write: unable to parse '&lt;line&gt;': &lt;reason&gt;\nunable to parse … dropped=N</c>;
/// points parsed but not stored only add to <c>dropped</c>; any other 400 refused the whole batch.
/// </summary>
internal static partial class WriteErrorReport
{
    private const string UnableToParse = "unable to parse '";
    private const string PartialWrite = "partial write: ";

    public static InfluxWriteResult Read(string error, IReadOnlyList<string> lines, int firstIndex)
    {
        var dropped = 0;
        var droppedMatch = DroppedSuffix().Match(error);
        if (droppedMatch.Success)
        {
            dropped = int.Parse(droppedMatch.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            error = error[..droppedMatch.Index];
        }
        var rejected = ReadUnparsable(error, lines, firstIndex);
        if (rejected.Count == 0 && !error.StartsWith(PartialWrite, StringComparison.Ordinal))
        {
            // Nothing was named, nothing was partial: InfluxDB refused every line of the batch.
            rejected = [.. lines.Select((line, i) => new RejectedLine(firstIndex + i, line, error))];
            dropped = 0;
        }
        return new InfluxWriteResult(lines.Count, rejected, dropped);
    }

    private static List<RejectedLine> ReadUnparsable(string error, IReadOnlyList<string> lines, int firstIndex)
    {
        var rejected = new List<RejectedLine>();
        var parts = error.Split(UnableToParse);
        if (parts.Length < 2) return rejected;
        var byText = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!byText.TryGetValue(lines[i], out var indexes)) byText[lines[i]] = indexes = new Queue<int>();
            indexes.Enqueue(i);
        }
        foreach (var part in parts.Skip(1))
        {
            // The line itself may hold "': ", so try each split until the prefix is one of the lines sent.
            for (var end = part.IndexOf("': ", StringComparison.Ordinal); end >= 0; end = part.IndexOf("': ", end + 1, StringComparison.Ordinal))
            {
                if (!byText.TryGetValue(part[..end], out var indexes) || indexes.Count == 0) continue;
                var index = indexes.Dequeue();
                rejected.Add(new RejectedLine(firstIndex + index, lines[index], part[(end + 3)..].TrimEnd('\n')));
                break;
            }
        }
        return rejected;
    }

    [GeneratedRegex(@" dropped=(\d+)$")]
    private static partial Regex DroppedSuffix();
}
