import { stringify } from 'csv-stringify/sync';
import { currencyDecimals } from '../domain/money';
import { exactDecimal } from './exact-decimal';
import { KPI_FIELDS, type KpiField } from './kpi-fields';
import { messages, platformName, type Translate } from './messages';
import type { CampaignTrackerFigures, Kpis, ReportLocale, ReportModel } from './model';
import { TRACKER_COLUMNS, trackerNote } from './tracker-fields';

/**
 * The report's campaigns and ad sets as one flat table, for spreadsheets and the client's own tools: a row per
 * campaign, then a row per ad set under it (`level` tells them apart: summing both would count spend twice).
 * Money is the exact decimal of the stored micros (at least the currency's minor digits, never rounded, never
 * grouped, so a spreadsheet reads it as a number); ratios are percentages with two decimals.
 * With tracker apps, the tracker's figures follow on campaign rows (ad sets have none), in the tracker's currency.
 * UTF-8 with a byte-order mark, because Excel otherwise opens a CSV in the system code page and garbles Hangul.
 */
export function renderCsv(model: ReportModel, locale: ReportLocale): Buffer {
  const t = messages(locale);
  const header = [
    t('currency'),
    t('level'),
    t('platform'),
    t('accountId'),
    t('campaignId'),
    t('adSetId'),
    t('name'),
    ...KPI_FIELDS.map((f) => (f.kind === 'ratio' ? `${t(f.key)} (%)` : t(f.key))),
    // Tracker columns only when the advertiser has tracker apps (config/trackers.yaml).
    ...(model.trackers ? TRACKER_COLUMNS.map((k) => (k === 'trackerRoas' ? `${t(k)} (%)` : t(k))) : []),
  ];
  const noTracker = model.trackers ? TRACKER_COLUMNS.map(() => '') : [];
  const rows: string[][] = [];
  for (const section of model.sections) {
    const kpiCells = (k: Kpis) => KPI_FIELDS.map((f) => kpiCell(f, k, section.currency));
    const noKpis = KPI_FIELDS.map(() => '');
    for (const c of section.campaigns) {
      const platform = platformName(c.platform, locale);
      const ids = [platform, c.accountId, c.campaignId];
      const [own, ...others] = c.tracker ?? [];
      const ownCells = own ? trackerCells(own, section.currency, t) : noTracker;
      rows.push([section.currency, t('levelCampaign'), ...ids, '', c.name, ...kpiCells(c), ...ownCells]);
      // Tracker figures in a further currency: a row of their own (level "Tracker"), never added into the campaign's.
      for (const other of others) {
        rows.push([section.currency, t('tracker'), ...ids, '', c.name, ...noKpis, ...trackerCells(other, section.currency, t)]);
      }
      for (const a of c.adSets) {
        rows.push([section.currency, t('levelAdSet'), ...ids, a.adSetId, a.name, ...kpiCells(a), ...noTracker]);
      }
    }
  }
  return Buffer.from(stringify([header, ...rows], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

function kpiCell(field: KpiField, kpis: Kpis, currency: string): string {
  const value = field.value(kpis);
  if (value === null) return ''; // undefined (÷ 0), not 0
  if (field.kind === 'money') return exactDecimal(value as bigint, currencyDecimals(currency));
  if (field.kind === 'count') return String(value);
  return ((value as number) * 100).toFixed(2);
}

/** A campaign's tracker cells in TRACKER_COLUMNS order: exact decimals in the tracker's currency, "n/a" and why. */
function trackerCells(f: CampaignTrackerFigures, mediaCurrency: string, t: Translate): string[] {
  const decimals = currencyDecimals(f.currency);
  return [
    String(f.installs),
    String(f.reEngagements),
    String(f.events),
    exactDecimal(f.revenueMicros, decimals),
    f.currency,
    f.roas === null ? t('notApplicable') : (f.roas * 100).toFixed(2),
    f.costMicros === null ? '' : exactDecimal(f.costMicros, decimals),
    trackerNote(t, f, mediaCurrency),
  ];
}
