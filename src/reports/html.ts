import { platformChartSvg, trendChartSvg, type ChartSize } from './charts';
import { formatter, NONE, type Formatter } from './format';
import { html, trusted, type SafeHtml } from './html-escape';
import { REPORT_CSS } from './html-style';
import { KPI_FIELDS, type KpiField } from './kpi-fields';
import { messages, periodName, platformName, type Translate } from './messages';
import type {
  ActionRow,
  CampaignTrackerFigures,
  CurrencySection,
  FreshnessRow,
  Kpis,
  Pacing,
  ReportLocale,
  ReportModel,
} from './model';
import { roasWhy, TRACKER_COLUMNS, trackerName, unmatchedReason } from './tracker-fields';

interface Ctx {
  model: ReportModel;
  t: Translate;
  fmt: Formatter;
  locale: ReportLocale;
}

/**
 * The report as one self-contained HTML file: inline CSS, charts as inline SVG, no script and no request (the
 * Content-Security-Policy says so, and a browser enforces it), readable on a phone. Also the source of the PDF.
 */
export function renderHtml(model: ReportModel, locale: ReportLocale): string {
  const ctx: Ctx = { model, locale, t: messages(locale), fmt: formatter(locale, model.timeZone) };
  const { t, fmt } = ctx;
  const title = `${t('reportTitle')} · ${model.advertiserName}`;
  const doc = html`<!doctype html>
<html lang="${locale.slice(0, 2)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${trusted(REPORT_CSS)}</style>
</head>
<body>
<header class="top"><div class="inner">
<p class="kind">${t('reportTitle')} · ${periodName(model.period, locale)}</p>
<h1>${model.advertiserName}</h1>
<dl class="meta">
<div><dt>${t('dateRange')}</dt><dd>${fmt.date(model.from)} – ${fmt.date(model.to)}</dd></div>
<div><dt>${t('comparedWith')}</dt><dd>${fmt.date(model.previousFrom)} – ${fmt.date(model.previousTo)}</dd></div>
<div><dt>${t('generatedAt')}</dt><dd>${fmt.instant(model.generatedAt)} (${model.timeZone})</dd></div>
</dl>
</div></header>
<main>
${model.sections.length === 0 ? html`<p class="empty">${t('noData')}</p>` : model.sections.map((s) => section(ctx, s))}
${trackers(ctx)}
${actions(ctx)}
${freshness(ctx)}
<p class="foot">${model.advertiserId} · ${model.from} – ${model.to}</p>
</main>
</body>
</html>
`;
  return doc.value;
}

function section(ctx: Ctx, s: CurrencySection): SafeHtml {
  const { t, fmt } = ctx;
  return html`<section class="currency" data-currency="${s.currency}">
<h2>${t('sectionCurrency', { currency: s.currency })}</h2>
<div class="cards">${KPI_FIELDS.map((f) => card(ctx, s, f))}</div>
${s.pacing ? pacing(ctx, s.currency, s.pacing) : null}
${s.tracker ? trackerCards(ctx, s) : null}
<h3>${t('trend')}</h3>
<div class="panel chart trend" role="img" aria-label="${t('trendChartTitle', { currency: s.currency })}">
<p class="chart-title">${t('trendChartTitle', { currency: s.currency })}</p>
${chartPair((size) => trendChartSvg(s, t, fmt, size))}
</div>
<h3>${t('platforms')}</h3>
<div class="panel chart platforms" role="img" aria-label="${t('platformChartTitle', { currency: s.currency })}">
<p class="chart-title">${t('platformChartTitle', { currency: s.currency })}</p>
${chartPair((size) => platformChartSvg(s, fmt, size))}
</div>
<div class="scroll" style="margin-top:10px">${kpiTable(ctx, s.currency, t('platform'), s.platforms.map((p) => ({ kpis: p, name: html`${platformName(p.platform, ctx.locale)}`, cls: '' })))}</div>
<h3>${t('campaigns')}</h3>
<div class="scroll">${campaignTable(ctx, s)}</div>
</section>`;
}

/** Both drawings of a chart; CSS shows the one for the screen's width. */
function chartPair(draw: (size: ChartSize) => string): SafeHtml {
  return html`<div class="wide">${trusted(draw('wide'))}</div><div class="narrow">${trusted(draw('narrow'))}</div>`;
}

/** A KPI card: the value, the previous value and the change, coloured by whether the change is good news. */
function card(ctx: Ctx, s: CurrencySection, field: KpiField): SafeHtml {
  const { t, fmt } = ctx;
  const change = s.delta[field.key];
  const arrow = change === null || change === 0 ? '' : change > 0 ? '▲ ' : '▼ ';
  const tone =
    change === null || change === 0 || field.better === 'neutral'
      ? 'neutral'
      : (change > 0) === (field.better === 'up')
        ? 'good'
        : 'bad';
  const previous = kpiText(fmt, field, s.previous, s.currency);
  return html`<div class="card" data-kpi="${field.key}">
<div class="label">${t(field.key)}</div>
<div class="value num">${kpiText(fmt, field, s.kpis, s.currency)}</div>
<div class="sub"><span class="delta ${tone}">${arrow}${fmt.delta(change)}</span> · ${previous === NONE ? t('noComparison') : t('previousValue', { value: previous })}</div>
</div>`;
}

function kpiText(fmt: Formatter, field: KpiField, kpis: Kpis, currency: string): string {
  const value = field.value(kpis);
  if (field.kind === 'money') return fmt.money(value as bigint | null, currency);
  if (field.kind === 'count') return fmt.count(value as number | null);
  return fmt.percent(value as number | null);
}

interface KpiRow {
  kpis: Kpis;
  name: SafeHtml;
  cls: string;
}

function kpiTable(ctx: Ctx, currency: string, firstHeader: string, rows: KpiRow[]): SafeHtml {
  const { t, fmt } = ctx;
  return html`<table>
<thead><tr><th class="text pin">${firstHeader}</th>${KPI_FIELDS.map((f) => html`<th>${t(f.key)}</th>`)}</tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr class="${r.cls}"><td class="text pin">${r.name}</td>${KPI_FIELDS.map(
        (f) => html`<td class="num">${kpiText(fmt, f, r.kpis, currency)}</td>`,
      )}</tr>`,
  )}</tbody>
</table>`;
}

/** Tracker columns of the campaign table (the tracker's currency shows in its amounts' symbol). */
const HTML_TRACKER_COLUMNS = TRACKER_COLUMNS.filter((k) => k !== 'trackerCurrency');

/**
 * Campaigns with their ad sets under them, the media's KPIs and, when the advertiser has tracker apps, the tracker's
 * figures beside them: on campaign rows only ("–" where none matched), a row of their own for a second currency.
 */
function campaignTable(ctx: Ctx, s: CurrencySection): SafeHtml {
  const { t, fmt, locale, model } = ctx;
  const withTracker = Boolean(model.trackers);
  const empty = (n: number) => Array.from({ length: n }, () => html`<td></td>`);
  const media = (k: Kpis) => KPI_FIELDS.map((f) => html`<td class="num">${kpiText(fmt, f, k, s.currency)}</td>`);
  const noFigures = () => HTML_TRACKER_COLUMNS.map((k) => html`<td class="${k === 'trackerNote' ? 'text' : 'num'}">${NONE}</td>`);
  const rows = s.campaigns.flatMap((c) => {
    const ids = html`${platformName(c.platform, locale)} · ${c.accountId} · ${c.campaignId}`;
    const [own, ...others] = c.tracker ?? [];
    const trackerOf = (f: CampaignTrackerFigures | undefined) =>
      !withTracker ? [] : f ? trackerTds(ctx, f, s.currency) : noFigures();
    return [
      html`<tr class="campaign"><td class="text pin">${c.name}<span class="ids">${ids}</span></td>${media(c)}${trackerOf(own)}</tr>`,
      ...others.map(
        (f) =>
          html`<tr class="tracker-extra"><td class="text pin">${t('trackerOtherCurrency', { currency: f.currency })}<span class="ids">${ids}</span></td>${empty(KPI_FIELDS.length)}${trackerOf(f)}</tr>`,
      ),
      ...c.adSets.map(
        (a) =>
          html`<tr class="adset"><td class="text pin">${a.name}<span class="ids">${t('levelAdSet')} · ${a.adSetId}</span></td>${media(a)}${withTracker ? empty(HTML_TRACKER_COLUMNS.length) : []}</tr>`,
      ),
    ];
  });
  const trackerHeaders = withTracker
    ? HTML_TRACKER_COLUMNS.map((k) => html`<th class="${k === 'trackerNote' ? 'text tracker' : 'tracker'}">${t(k)}</th>`)
    : [];
  return html`<table class="campaigns">
<thead><tr><th class="text pin">${t('name')}</th>${KPI_FIELDS.map((f) => html`<th>${t(f.key)}</th>`)}${trackerHeaders}</tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function trackerTds(ctx: Ctx, f: CampaignTrackerFigures, mediaCurrency: string): SafeHtml[] {
  const { t, fmt } = ctx;
  const why = roasWhy(t, f.roasNote, f.currency, mediaCurrency);
  return [
    html`<td class="num" data-tracker="installs">${fmt.count(f.installs)}</td>`,
    html`<td class="num" data-tracker="reEngagements">${fmt.count(f.reEngagements)}</td>`,
    html`<td class="num" data-tracker="events">${fmt.count(f.events)}</td>`,
    html`<td class="num" data-tracker="revenue">${fmt.money(f.revenueMicros, f.currency)}</td>`,
    html`<td class="num" data-tracker="roas">${f.roas === null ? html`<span class="na" title="${why ?? ''}">${t('notApplicable')}</span>` : fmt.percent(f.roas)}</td>`,
    html`<td class="num" data-tracker="cost">${fmt.money(f.costMicros, f.currency)}</td>`,
    html`<td class="text wrap" data-tracker="note">${why}${f.unsettledDays.length > 0 ? html` <span class="badge warn unsettled">${t('trackerUnsettled', { count: f.unsettledDays.length })}</span>` : null}</td>`,
  ];
}

/** The section's tracker totals: installs, tracker revenue, tracker ROAS and the difference from the media's revenue. */
function trackerCards(ctx: Ctx, s: CurrencySection): SafeHtml {
  const { t, fmt } = ctx;
  const totals = s.tracker ?? [];
  if (totals.length === 0) return html`<h3>${t('trackerFigures')}</h3><p class="empty">${t('noTrackerFigures')}</p>`;
  return html`${totals.map((x) => {
    const why = roasWhy(t, x.roasNote, x.currency, s.currency);
    const title = x.currency === s.currency ? t('trackerFigures') : t('trackerFiguresIn', { currency: x.currency });
    const sign = x.revenueDifferenceMicros !== null && x.revenueDifferenceMicros > 0n ? '+' : '';
    return html`<h3>${title}</h3>
<div class="cards tracker" data-tracker-currency="${x.currency}">
<div class="card" data-kpi="installs"><div class="label">${t('installs')}</div><div class="value num">${fmt.count(x.installs)}</div>
<div class="sub">${t('inAppEvents')} ${fmt.count(x.events)} · ${t('reEngagements')} ${fmt.count(x.reEngagements)}</div></div>
<div class="card" data-kpi="trackerRevenue"><div class="label">${t('trackerRevenue')}</div><div class="value num">${fmt.money(x.revenueMicros, x.currency)}</div>
<div class="sub">${t('matchedRevenue')}: ${fmt.money(x.mediaRevenueMicros, s.currency)}</div></div>
<div class="card" data-kpi="trackerRoas"><div class="label">${t('trackerRoas')}</div><div class="value num">${x.roas === null ? t('notApplicable') : fmt.percent(x.roas)}</div>
<div class="sub">${why ?? html`${t('matchedSpend')}: ${fmt.money(x.mediaSpendMicros, s.currency)}`}</div></div>
<div class="card" data-kpi="revenueDifference"><div class="label">${t('revenueDifference')}</div><div class="value num">${x.revenueDifferenceMicros === null ? t('notApplicable') : html`${sign}${fmt.money(x.revenueDifferenceMicros, s.currency)}`}</div>
<div class="sub">${t('matchedCampaigns')}: ${fmt.count(x.campaigns)}</div></div>
</div>`;
  })}`;
}

/** The advertiser's tracker apps with the days that may still change, and what no media campaign matched. */
function trackers(ctx: Ctx): SafeHtml | null {
  const { t, fmt, model } = ctx;
  if (!model.trackers) return null;
  const { apps, unmatched } = model.trackers;
  const unmatchedBody =
    unmatched.length === 0
      ? html`<p class="empty">${t('noUnmatched')}</p>`
      : html`<div class="scroll"><table class="unmatched">
<thead><tr><th class="text pin">${t('trackerCampaign')}</th><th class="text">${t('reason')}</th><th>${t('days')}</th><th>${t('installs')}</th><th>${t('trackerRevenue')}</th></tr></thead>
<tbody>${unmatched.map(
          (u) => html`<tr>
<td class="text pin">${u.campaignName}<span class="ids">${u.app} · ${u.mediaSource}${u.campaignId ? html` · ${u.campaignId}` : null}</span></td>
<td class="text">${unmatchedReason(t, u.reason)}</td>
<td class="num">${fmt.count(u.days)}</td>
<td class="num">${fmt.count(u.installs)}</td>
<td class="num">${fmt.money(u.revenueMicros, u.currency)}</td>
</tr>`,
        )}</tbody>
</table></div>`;
  return html`<section class="trackers"><h2>${t('tracker')}</h2>
<h3>${t('trackerApps')}</h3>
<div class="scroll"><table class="apps">
<thead><tr><th class="text pin">${t('app')}</th><th class="text">${t('trackerCurrency')}</th><th>${t('restatementWindowDays')}</th><th class="text">${t('unsettledDays')}</th></tr></thead>
<tbody>${apps.map(
    (a) => html`<tr>
<td class="text pin">${a.name}<span class="ids">${trackerName(a.tracker)} · ${a.app} · ${a.timeZone}</span></td>
<td class="text">${a.currency}</td>
<td class="num">${fmt.count(a.restatementWindowDays)}</td>
<td class="text wrap">${
      a.unsettledDays.length === 0
        ? html`<span class="badge ok">${t('settled')}</span>`
        : html`${a.unsettledDays.map((d) => html`<span class="badge warn unsettled">${fmt.date(d)}</span>`)}<span class="ids">${t('mayStillChange')}</span>`
    }</td>
</tr>`,
  )}</tbody>
</table></div>
<h3>${t('unmatchedTracker')}</h3>
${unmatchedBody}
<p class="note">${t('trackerNoteText')}</p>
</section>`;
}

function pacing(ctx: Ctx, currency: string, p: Pacing): SafeHtml {
  const { t, fmt } = ctx;
  const money = (micros: bigint) => fmt.money(micros, currency);
  // Share of budget spent as a ratio of bigints: only the percentage becomes a number.
  const used = p.monthlyBudgetMicros > 0n ? Number((p.monthToDateSpendMicros * 10_000n) / p.monthlyBudgetMicros) / 10_000 : null;
  const over = p.projectedMicros > p.monthlyBudgetMicros;
  return html`<h3>${t('pacing')}</h3>
<div class="cards pacing">
<div class="card"><div class="label">${t('monthlyBudget')}</div><div class="value num">${money(p.monthlyBudgetMicros)}</div>
<div class="sub">${t('daysElapsedOf', { elapsed: p.daysElapsed, total: p.daysInMonth })}</div></div>
<div class="card"><div class="label">${t('monthToDate')}</div><div class="value num">${money(p.monthToDateSpendMicros)}</div>
<div class="sub">${used === null ? NONE : t('budgetUsed', { percent: fmt.percent(used) })}</div>
<div class="bar"><span style="width:${Math.min(100, Math.round((used ?? 0) * 100))}%"></span></div></div>
<div class="card"><div class="label">${t('projected')}</div><div class="value num">${money(p.projectedMicros)}</div>
<div class="sub"><span class="badge ${over ? 'warn' : 'ok'}">${over ? t('projectedOver') : t('projectedUnder')}</span></div></div>
<div class="card"><div class="label">${t('requiredDaily')}</div><div class="value num">${money(p.requiredDailyMicros)}</div></div>
</div>`;
}

function actions(ctx: Ctx): SafeHtml {
  const { t, model } = ctx;
  const body =
    model.actions.length === 0
      ? html`<p class="empty">${t('noActions')}</p>`
      : html`<div class="scroll"><table>
<thead><tr><th class="text">${t('at')}</th><th class="text pin">${t('entity')}</th><th>${t('from')}</th><th>${t('to')}</th><th>${t('change')}</th><th class="text">${t('status')}</th><th class="text">${t('decidedBy')}</th><th class="text">${t('reason')}</th></tr></thead>
<tbody>${model.actions.map((a) => actionRow(ctx, a))}</tbody>
</table></div>`;
  return html`<section class="actions"><h2>${t('actions')}</h2>${body}</section>`;
}

function actionRow(ctx: Ctx, a: ActionRow): SafeHtml {
  const { fmt, locale } = ctx;
  const change = a.toMicros - a.fromMicros;
  const sign = change > 0n ? '+' : '';
  return html`<tr>
<td class="text">${fmt.instant(a.at)}</td>
<td class="text pin">${a.name}<span class="ids">${platformName(a.platform, locale)} · ${a.accountId} · ${a.entityId}</span></td>
<td class="num">${fmt.money(a.fromMicros, a.currency)}</td>
<td class="num">${fmt.money(a.toMicros, a.currency)}</td>
<td class="num">${sign}${fmt.money(change, a.currency)}</td>
<td class="text"><span class="badge">${a.status}</span></td>
<td class="text">${a.decidedBy}</td>
<td class="text wrap">${a.reason}<span class="ids">${a.planId}</span></td>
</tr>`;
}

function freshness(ctx: Ctx): SafeHtml {
  const { t, model } = ctx;
  return html`<section class="freshness"><h2>${t('freshness')}</h2>
<div class="scroll"><table>
<thead><tr><th class="text pin">${t('accountName')}</th><th class="text">${t('lastPulledAt')}</th><th class="text">${t('pulledThrough')}</th><th class="text">${t('unsettledDays')}</th></tr></thead>
<tbody>${model.freshness.map((f) => freshnessRow(ctx, f))}</tbody>
</table></div>
<p class="note">${t('freshnessNote')}</p>
</section>`;
}

function freshnessRow(ctx: Ctx, f: FreshnessRow): SafeHtml {
  const { t, fmt, locale } = ctx;
  const unsettled =
    f.unsettledDays.length === 0
      ? f.lastPulledAt
        ? html`<span class="badge ok">${t('settled')}</span>`
        : NONE
      : html`${f.unsettledDays.map((d) => html`<span class="badge warn unsettled">${fmt.date(d)}</span>`)}<span class="ids">${t('mayStillChange')}</span>`;
  return html`<tr>
<td class="text pin">${f.accountName}<span class="ids">${platformName(f.platform, locale)} · ${f.accountId}</span></td>
<td class="text">${f.lastPulledAt ? fmt.instant(f.lastPulledAt) : html`<span class="badge warn">${t('neverPulled')}</span>`}</td>
<td class="text">${f.pulledThrough ? fmt.date(f.pulledThrough) : NONE}</td>
<td class="text wrap">${unsettled}</td>
</tr>`;
}
