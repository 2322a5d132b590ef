namespace ValueGuard.Reporting.Html;

/// <summary>The report's inline style sheet: screen and A4 print. Verdict colours meet WCAG AA contrast on their backgrounds.</summary>
internal static class ReportCss
{
    public const string Text = """
        body { font-family: system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 2rem; color: #1a1a1a; }
        main { max-width: 62rem; }
        h1 { font-size: 1.6rem; margin-bottom: .5rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 .2rem; }
        h4 { font-size: .95rem; margin: .6rem 0 .2rem; }
        dl.meta, dl.numbers { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        dl.meta dd { font-family: ui-monospace, monospace; word-break: break-all; }
        table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
        caption { text-align: left; color: #555; padding-bottom: .3rem; }
        th, td { border: 1px solid #ccc; padding: .35rem .5rem; text-align: left; vertical-align: top; }
        thead th { background: #f3f3f3; }
        td.num { text-align: right; white-space: nowrap; }
        td.target { white-space: nowrap; }
        .id { font-family: ui-monospace, monospace; }
        .text { font-weight: normal; color: #444; }
        .verdict { font-weight: 700; padding: .1rem .4rem; border-radius: .2rem; white-space: nowrap; }
        .met { background: #d8f0d8; color: #14521a; }
        .risk { background: #fff0c2; color: #6b4e00; }
        .breached { background: #f8d4d4; color: #7a1010; }
        .unknown { background: #e4e4e4; color: #333; }
        figure { margin: .5rem 0; }
        svg.chart { width: 100%; max-width: 40rem; height: auto; }
        svg .axis { stroke: #888; stroke-width: 1; }
        svg .tick { font-size: 10px; fill: #444; }
        svg .target { stroke: #b00020; stroke-width: 1.5; stroke-dasharray: 6 3; }
        svg .warn { stroke: #b07000; stroke-width: 1.2; stroke-dasharray: 2 3; }
        svg .kpi { fill: none; stroke: #1f4e9a; stroke-width: 2; }
        svg .breach { fill: #f3b0b0; fill-opacity: .5; }
        svg.spark .kpi { stroke-width: 1.5; }
        figcaption { font-size: .85rem; color: #444; }
        .key { display: inline-block; width: 1.2rem; height: .6rem; vertical-align: middle; margin-left: .6rem; }
        .kpi-key { border-top: 2px solid #1f4e9a; }
        .target-key { border-top: 2px dashed #b00020; }
        .warn-key { border-top: 2px dotted #b07000; }
        .breach-key { background: #f3b0b0; }
        ul.method { font-size: .9rem; color: #333; }
        code { font-size: .85em; word-break: break-all; }
        footer { margin-top: 2rem; font-size: .85rem; color: #444; }
        @page { size: A4; margin: 15mm; }
        @media print {
          body { margin: 0; font-size: 10pt; }
          main { max-width: none; }
          svg.spark { width: 5rem; height: auto; }
          h2, h3 { break-after: avoid; }
          tr, figure, section.clause dl { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """;
}
