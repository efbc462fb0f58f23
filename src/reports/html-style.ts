/**
 * The report's only stylesheet, inlined so the file is self-contained (it is mailed and opened offline). Phone
 * first: cards wrap into as many columns as fit, wide tables scroll sideways inside their box with the name column
 * pinned, and print (PDF) lays everything flat on A4.
 */
export const REPORT_CSS = `
:root {
  --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #f4f6f9; --card: #fff;
  --accent: #1f3a5f; --good: #047857; --bad: #b91c1c; --warn: #b45309; --warn-bg: #fef3c7; --row: #f3f6fa;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--ink); font-size: 14px; line-height: 1.45;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic',
    NanumGothic, sans-serif;
}
.top { background: var(--accent); color: #fff; }
.top .inner, main { max-width: 1120px; margin: 0 auto; padding: 20px 16px; }
.top h1 { margin: 0 0 2px; font-size: 22px; line-height: 1.25; }
.top .kind { margin: 0 0 10px; font-size: 13px; opacity: .8; letter-spacing: .02em; }
.meta { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0; font-size: 13px; }
.meta div { display: flex; gap: 6px; }
.meta dt { opacity: .75; }
.meta dd { margin: 0; font-weight: 600; }
main { padding-bottom: 48px; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 15px; margin: 22px 0 10px; color: var(--accent); }
.num { font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(184px, 1fr)); gap: 10px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; }
.card .value { font-size: 20px; font-weight: 700; margin: 2px 0; overflow-wrap: anywhere; }
.card .sub { font-size: 12px; color: var(--muted); }
.delta { font-weight: 600; font-size: 12px; }
.delta.good { color: var(--good); }
.delta.bad { color: var(--bad); }
.delta.neutral { color: var(--muted); }
.panel { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px; }
.chart svg { display: block; width: 100%; height: auto; }
.chart .narrow { display: none; }
@media (max-width: 600px) { .chart .wide { display: none; } .chart .narrow { display: block; } }
.chart-title { font-size: 13px; color: var(--muted); margin: 0 0 6px; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; background: var(--card);
  border: 1px solid var(--line); border-radius: 10px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
th { background: #f9fafb; color: #374151; font-weight: 600; font-size: 12px; position: sticky; top: 0; }
tr:last-child td { border-bottom: 0; }
.text { text-align: left; }
.wrap { white-space: normal; min-width: 220px; }
.pin { position: sticky; left: 0; background: var(--card); z-index: 1; min-width: 132px; max-width: 280px;
  white-space: normal; }
th.pin { background: #f9fafb; z-index: 2; }
tr.campaign td { background: var(--row); font-weight: 600; }
tr.adset td.pin { padding-left: 26px; font-weight: 400; color: #374151; }
.ids { display: block; font-size: 11px; color: var(--muted); font-weight: 400; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 11px; font-weight: 600;
  background: #eef2f7; color: #374151; margin: 1px 2px 1px 0; }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge.ok { background: #d1fae5; color: var(--good); }
.bar { height: 8px; background: #e5e7eb; border-radius: 4px; margin-top: 8px; position: relative; overflow: hidden; }
.bar span { position: absolute; inset: 0 auto 0 0; background: #2563eb; border-radius: 4px; }
th.tracker { background: #eef6f3; }
tr.tracker-extra td { background: var(--row); }
tr.tracker-extra td.pin { padding-left: 26px; }
.na { color: var(--muted); font-style: italic; }
.note { color: var(--muted); font-size: 12px; margin: 8px 2px 0; }
.empty { color: var(--muted); }
.foot { color: var(--muted); font-size: 11px; margin-top: 36px; }
@media (max-width: 480px) {
  .top h1 { font-size: 19px; }
  .card .value { font-size: 18px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
@page { size: A4; margin: 12mm 10mm; }
@media print {
  body { background: #fff; font-size: 11px; }
  .top { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .top .inner { max-width: none; padding: 12px 14px; }
  main { max-width: none; padding: 12px 0; }
  .scroll { overflow: visible; border: 1px solid var(--line); }
  table { font-size: 9.5px; }
  th, td { padding: 4px 5px; }
  .pin { position: static; }
  .chart .wide { display: block; }
  .chart .narrow { display: none; }
  .card, .panel, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .cards { grid-template-columns: repeat(4, 1fr); }
}
`;
