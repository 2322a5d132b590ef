using System.Globalization;
using System.Net;
using System.Text;
using ValueGuard.Reporting.Model;

namespace ValueGuard.Reporting.Html;

/// <summary>
/// Inline SVG charts: a clause's KPI over the period against its target and warn lines with breach episodes
/// shaded, and a sparkline for the clause table. Each SVG is an image with a title and a description.
/// </summary>
internal static class SvgCharts
{
    private const double Width = 640, Height = 200, Left = 64, Right = 12, Top = 12, Bottom = 28;

    public static string Chart(ClauseReport clause, IEnumerable<BreachEpisodeReport> episodes, DateTimeOffset from, DateTimeOffset to, string title, string description)
    {
        var scale = Scale.For(clause);
        double X(DateTimeOffset t) => Left + (Width - Left - Right) * Math.Clamp((t - from) / (to - from), 0, 1);
        double Y(double v) => Top + (Height - Top - Bottom) * (1 - (v - scale.Min) / (scale.Max - scale.Min));
        var id = "c-" + clause.Clause;
        var sb = new StringBuilder();
        sb.Append(Inv($"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{E(id)}-t {E(id)}-d\" xmlns=\"http://www.w3.org/2000/svg\">"));
        sb.Append(Inv($"<title id=\"{E(id)}-t\">{E(title)}</title><desc id=\"{E(id)}-d\">{E(description)}</desc>"));
        foreach (var ep in episodes)
        {
            var x0 = X(ep.BreachedAt);
            var x1 = X(ep.EndedAt ?? to);
            sb.Append(Inv($"<rect class=\"breach\" x=\"{x0:0.#}\" y=\"{Top}\" width=\"{Math.Max(1, x1 - x0):0.#}\" height=\"{Height - Top - Bottom}\"/>"));
        }
        sb.Append(Inv($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/>"));
        sb.Append(Inv($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\"/>"));
        foreach (var tick in new[] { scale.Min, (scale.Min + scale.Max) / 2, scale.Max })
            sb.Append(Inv($"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\">{E(ReportUnits.Format(tick, clause.Unit))}</text>"));
        sb.Append(Inv($"<text class=\"tick\" x=\"{Left}\" y=\"{Height - 8}\">{from.UtcDateTime:yyyy-MM-dd}</text>"));
        sb.Append(Inv($"<text class=\"tick\" x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{to.UtcDateTime:yyyy-MM-dd}</text>"));
        sb.Append(Inv($"<line class=\"target\" x1=\"{Left}\" y1=\"{Y(clause.TargetBound):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(clause.TargetBound):0.#}\"/>"));
        if (clause.WarnBound is { } warn)
            sb.Append(Inv($"<line class=\"warn\" x1=\"{Left}\" y1=\"{Y(warn):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(warn):0.#}\"/>"));
        sb.Append("<polyline class=\"kpi\" points=\"").Append(Points(clause.Series, X, Y)).Append("\"/>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    public static string Sparkline(ClauseReport clause, DateTimeOffset from, DateTimeOffset to, string label)
    {
        const double w = 120, h = 28;
        var scale = Scale.For(clause);
        double X(DateTimeOffset t) => w * Math.Clamp((t - from) / (to - from), 0, 1);
        double Y(double v) => 2 + (h - 4) * (1 - (v - scale.Min) / (scale.Max - scale.Min));
        return Inv($"<svg class=\"spark\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{E(label)}\" xmlns=\"http://www.w3.org/2000/svg\">")
            + Inv($"<line class=\"target\" x1=\"0\" y1=\"{Y(clause.TargetBound):0.#}\" x2=\"{w}\" y2=\"{Y(clause.TargetBound):0.#}\"/>")
            + "<polyline class=\"kpi\" points=\"" + Points(clause.Series, X, Y) + "\"/></svg>";
    }

    private static string Points(IReadOnlyList<KpiPoint> series, Func<DateTimeOffset, double> x, Func<double, double> y) =>
        string.Join(' ', series.Where(p => p.Value is not null).Select(p => Inv($"{x(p.At):0.#},{y(p.Value!.Value):0.#}")));

    private readonly record struct Scale(double Min, double Max)
    {
        public static Scale For(ClauseReport clause)
        {
            var values = clause.Series.Where(p => p.Value is not null).Select(p => p.Value!.Value)
                .Append(clause.TargetBound).Concat(clause.WarnBound is { } w ? [w] : []).ToList();
            var min = values.Min();
            var max = values.Max();
            if (clause.Unit != "ratio") min = Math.Min(0, min);
            var pad = Math.Max((max - min) * 0.1, clause.Unit == "ratio" ? 0.001 : 1);
            // A share never leaves 0..100 %, so the axis does not either.
            if (clause.Unit == "ratio")
            {
                var low = Math.Max(0, min - pad);
                var high = Math.Min(1, max + pad);
                return new Scale(low, high > low ? high : low + pad);
            }
            return new Scale(min >= 0 ? min : min - pad, max + pad);
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
