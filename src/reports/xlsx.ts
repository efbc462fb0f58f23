import ExcelJS, { type Cell, type Row, type Worksheet } from 'exceljs';
import { formatter, type Formatter } from './format';
import { KPI_FIELDS } from './kpi-fields';
import { messages, periodName, platformName, type MessageKey, type Translate } from './messages';
import type { CampaignTrackerFigures, CurrencySection, ReportLocale, ReportModel } from './model';
import { roasWhy, TRACKER_COLUMNS, trackerName, trackerNote, unmatchedReason } from './tracker-fields';
import {
  DATE_FMT,
  DATE_TIME_FMT,
  DELTA_FMT,
  excelDate,
  excelWallClock,
  fitColumns,
  PERCENT_FMT,
  setCount,
  setKpi,
  setMoney,
} from './xlsx-cells';

interface Ctx {
  model: ReportModel;
  locale: ReportLocale;
  t: Translate;
  fmt: Formatter;
}

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3A5F' } } as const;
const HEADER_FONT = { bold: true, color: { argb: 'FFFFFFFF' } };
const CAMPAIGN_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F7' } } as const;

/**
 * The report as an Excel workbook: Summary, Campaigns, Daily, Actions and Freshness sheets, and a Tracker sheet when the
 * advertiser has tracker apps.
 */
export async function renderXlsx(model: ReportModel, locale: ReportLocale): Promise<Buffer> {
  const ctx: Ctx = { model, locale, t: messages(locale), fmt: formatter(locale, model.timeZone) };
  const wb = new ExcelJS.Workbook();
  wb.creator = 'adops-engine';
  // Fixed, not "now": the same model gives the same workbook content.
  wb.created = new Date(model.generatedAt);
  wb.modified = wb.created;
  summarySheet(wb, ctx);
  campaignsSheet(wb, ctx);
  dailySheet(wb, ctx);
  actionsSheet(wb, ctx);
  freshnessSheet(wb, ctx);
  trackerSheet(wb, ctx);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A styled header row; returns its row number. */
function header(ws: Worksheet, labels: string[]): number {
  const row = ws.addRow(labels);
  styleHeader(row);
  return row.number;
}

function styleHeader(row: Row): void {
  row.height = 32;
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.font = HEADER_FONT;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
}

/** A sheet whose table header is frozen and filterable; widths fitted after the rows are in. */
function finishTable(ws: Worksheet, headerRow: number, columns: number): void {
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(headerRow, ws.rowCount), column: columns } };
  fitColumns(ws, headerRow);
}

function sheet(wb: ExcelJS.Workbook, ctx: Ctx, key: MessageKey): Worksheet {
  // Excel forbids : \ / ? * [ ] in sheet names and caps them at 31 characters.
  return wb.addWorksheet(ctx.t(key).replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
}

function summarySheet(wb: ExcelJS.Workbook, ctx: Ctx): void {
  const { model, t, fmt } = ctx;
  const ws = sheet(wb, ctx, 'summary');
  ws.addRow([`${t('reportTitle')} · ${model.advertiserName}`]).font = { bold: true, size: 16 };
  ws.addRow([`${t('period')}: ${periodName(model.period, ctx.locale)}, ${fmt.date(model.from)} – ${fmt.date(model.to)}`]);
  ws.addRow([`${t('comparedWith')}: ${fmt.date(model.previousFrom)} – ${fmt.date(model.previousTo)}`]);
  ws.addRow([`${t('generatedAt')}: ${fmt.instant(model.generatedAt)} (${model.timeZone})`]);
  ws.addRow([]);
  const headerRow = header(ws, [t('currency'), t('metric'), t('value'), t('previous'), t('delta')]);
  for (const section of model.sections) {
    const symbol = fmt.currencySymbol(section.currency);
    for (const field of KPI_FIELDS) {
      const row = ws.addRow([section.currency, t(field.key)]);
      setKpi(row.getCell(3), field, section.kpis, section.currency, symbol);
      setKpi(row.getCell(4), field, section.previous, section.currency, symbol);
      const delta = section.delta[field.key];
      if (delta !== null) {
        row.getCell(5).value = delta;
        row.getCell(5).numFmt = DELTA_FMT;
      }
    }
  }
  const kpiEnd = ws.rowCount;
  pacingBlock(ws, ctx);
  trackerBlock(ws, ctx);
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
  // Only the KPI table is filtered: the pacing block below is a second, smaller table.
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: kpiEnd, column: 5 } };
  fitColumns(ws, headerRow);
}

function pacingBlock(ws: Worksheet, ctx: Ctx): void {
  const { t, fmt } = ctx;
  const paced = ctx.model.sections.filter((s): s is CurrencySection & { pacing: NonNullable<CurrencySection['pacing']> } =>
    Boolean(s.pacing),
  );
  if (paced.length === 0) return;
  ws.addRow([]);
  styleHeader(ws.addRow([t('currency'), t('pacing'), t('value')]));
  for (const { currency, pacing } of paced) {
    const symbol = fmt.currencySymbol(currency);
    const money: Array<[MessageKey, bigint]> = [
      ['monthlyBudget', pacing.monthlyBudgetMicros],
      ['monthToDate', pacing.monthToDateSpendMicros],
      ['projected', pacing.projectedMicros],
      ['requiredDaily', pacing.requiredDailyMicros],
    ];
    for (const [key, micros] of money) setMoney(ws.addRow([currency, t(key)]).getCell(3), micros, currency, symbol);
    setCount(ws.addRow([currency, t('daysElapsed')]).getCell(3), pacing.daysElapsed);
    setCount(ws.addRow([currency, t('daysInMonth')]).getCell(3), pacing.daysInMonth);
  }
}

/** Per media currency and tracker currency: the tracker's totals beside the media's on the same campaigns. */
function trackerBlock(ws: Worksheet, ctx: Ctx): void {
  const { t, fmt } = ctx;
  if (!ctx.model.trackers) return;
  ws.addRow([]);
  styleHeader(ws.addRow([t('currency'), t('trackerCurrency'), t('trackerFigures'), t('value'), t('trackerNote')]));
  for (const section of ctx.model.sections) {
    for (const total of section.tracker ?? []) {
      const add = (key: MessageKey) => ws.addRow([section.currency, total.currency, t(key)]);
      const money = (key: MessageKey, micros: bigint | null, currency: string) =>
        setMoney(add(key).getCell(4), micros, currency, fmt.currencySymbol(currency));
      setCount(add('installs').getCell(4), total.installs);
      setCount(add('reEngagements').getCell(4), total.reEngagements);
      setCount(add('inAppEvents').getCell(4), total.events);
      money('trackerRevenue', total.revenueMicros, total.currency);
      if (total.costMicros !== null) money('trackerCost', total.costMicros, total.currency);
      setCount(add('matchedCampaigns').getCell(4), total.campaigns);
      money('matchedSpend', total.mediaSpendMicros, section.currency);
      setCount(add('matchedConversions').getCell(4), total.mediaConversions);
      money('matchedRevenue', total.mediaRevenueMicros, section.currency);
      const roas = add('trackerRoas');
      setRoas(roas.getCell(4), total.roas, t);
      const why = roasWhy(t, total.roasNote, total.currency, section.currency);
      if (why) roas.getCell(5).value = why;
      const difference = add('revenueDifference');
      if (total.revenueDifferenceMicros === null) {
        setRoas(difference.getCell(4), null, t);
        difference.getCell(5).value = why;
      } else {
        setMoney(difference.getCell(4), total.revenueDifferenceMicros, section.currency, fmt.currencySymbol(section.currency));
      }
    }
  }
}

function campaignsSheet(wb: ExcelJS.Workbook, ctx: Ctx): void {
  const { model, t, fmt, locale } = ctx;
  const ws = sheet(wb, ctx, 'campaigns');
  const fixed: MessageKey[] = ['currency', 'level', 'platform', 'accountId', 'campaignId', 'adSetId', 'name'];
  // Tracker columns only when the advertiser has tracker apps (config/trackers.yaml); after the media's KPIs.
  const trackerColumns = model.trackers ? TRACKER_COLUMNS : [];
  const trackerFrom = fixed.length + KPI_FIELDS.length + 1;
  const headerRow = header(ws, [
    ...fixed.map((k) => t(k)),
    ...KPI_FIELDS.map((f) => t(f.key)),
    ...trackerColumns.map((k) => t(k)),
  ]);
  for (const section of model.sections) {
    const symbol = fmt.currencySymbol(section.currency);
    for (const c of section.campaigns) {
      const platform = platformName(c.platform, locale);
      const row = ws.addRow([section.currency, t('levelCampaign'), platform, c.accountId, c.campaignId, '', c.name]);
      KPI_FIELDS.forEach((f, i) => setKpi(row.getCell(fixed.length + 1 + i), f, c, section.currency, symbol));
      const [own, ...others] = c.tracker ?? [];
      if (own) setTrackerCells(row, trackerFrom, own, section.currency, ctx);
      row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell) => (cell.fill = CAMPAIGN_FILL));
      // Tracker figures in another currency than the first: a row of their own, never added into the campaign's.
      for (const other of others) {
        const extra = ws.addRow([section.currency, t('tracker'), platform, c.accountId, c.campaignId, '', c.name]);
        extra.getCell(7).alignment = { indent: 2 };
        extra.outlineLevel = 1;
        setTrackerCells(extra, trackerFrom, other, section.currency, ctx);
      }
      for (const a of c.adSets) {
        const adSet = ws.addRow([section.currency, t('levelAdSet'), platform, c.accountId, c.campaignId, a.adSetId, a.name]);
        // Indented under its campaign and grouped (Excel's outline), so a reader can fold the ad sets away.
        adSet.getCell(7).alignment = { indent: 2 };
        adSet.outlineLevel = 1;
        KPI_FIELDS.forEach((f, i) => setKpi(adSet.getCell(fixed.length + 1 + i), f, a, section.currency, symbol));
      }
    }
  }
  finishTable(ws, headerRow, fixed.length + KPI_FIELDS.length + trackerColumns.length);
}

/** A campaign's tracker cells from column `from` on, in TRACKER_COLUMNS order; money in the tracker's currency. */
function setTrackerCells(row: Row, from: number, f: CampaignTrackerFigures, mediaCurrency: string, ctx: Ctx): void {
  const { t, fmt } = ctx;
  const symbol = fmt.currencySymbol(f.currency);
  setCount(row.getCell(from), f.installs);
  setCount(row.getCell(from + 1), f.reEngagements);
  setCount(row.getCell(from + 2), f.events);
  setMoney(row.getCell(from + 3), f.revenueMicros, f.currency, symbol);
  row.getCell(from + 4).value = f.currency;
  setRoas(row.getCell(from + 5), f.roas, t);
  setMoney(row.getCell(from + 6), f.costMicros, f.currency, symbol);
  const note = trackerNote(t, f, mediaCurrency);
  if (note) row.getCell(from + 7).value = note;
  if (f.unsettledDays.length > 0) row.getCell(from + 7).font = { color: { argb: 'FFB45309' }, bold: true };
}

/** A ROAS as a percentage, or the text "n/a" (the note column says why), never an empty cell that reads as 0. */
function setRoas(cell: Cell, roas: number | null, t: Translate): void {
  if (roas === null) {
    cell.value = t('notApplicable');
    cell.alignment = { horizontal: 'right' };
  } else {
    cell.value = roas;
    cell.numFmt = PERCENT_FMT;
  }
}

function dailySheet(wb: ExcelJS.Workbook, ctx: Ctx): void {
  const { model, t, fmt } = ctx;
  const ws = sheet(wb, ctx, 'daily');
  const headerRow = header(ws, [t('currency'), t('date'), ...KPI_FIELDS.map((f) => t(f.key))]);
  for (const section of model.sections) {
    const symbol = fmt.currencySymbol(section.currency);
    for (const point of section.daily) {
      const row = ws.addRow([section.currency, excelDate(point.date)]);
      row.getCell(2).numFmt = DATE_FMT;
      KPI_FIELDS.forEach((f, i) => setKpi(row.getCell(3 + i), f, point, section.currency, symbol));
    }
  }
  finishTable(ws, headerRow, 2 + KPI_FIELDS.length);
}

function actionsSheet(wb: ExcelJS.Workbook, ctx: Ctx): void {
  const { model, t, fmt, locale } = ctx;
  const ws = sheet(wb, ctx, 'actions');
  const headerRow = header(ws, [
    `${t('at')} (${model.timeZone})`,
    t('platform'),
    t('accountId'),
    t('entityId'),
    t('entity'),
    t('currency'),
    t('from'),
    t('to'),
    t('change'),
    t('status'),
    t('decidedBy'),
    t('reason'),
    t('planId'),
  ]);
  for (const a of model.actions) {
    const row = ws.addRow([
      excelWallClock(a.at, model.timeZone),
      platformName(a.platform, locale),
      a.accountId,
      a.entityId,
      a.name,
      a.currency,
    ]);
    row.getCell(1).numFmt = DATE_TIME_FMT;
    const symbol = fmt.currencySymbol(a.currency);
    setMoney(row.getCell(7), a.fromMicros, a.currency, symbol);
    setMoney(row.getCell(8), a.toMicros, a.currency, symbol);
    setMoney(row.getCell(9), a.toMicros - a.fromMicros, a.currency, symbol);
    row.getCell(10).value = a.status;
    row.getCell(11).value = a.decidedBy;
    row.getCell(12).value = a.reason;
    row.getCell(13).value = a.planId;
  }
  finishTable(ws, headerRow, 13);
}

function freshnessSheet(wb: ExcelJS.Workbook, ctx: Ctx): void {
  const { model, t, locale } = ctx;
  const ws = sheet(wb, ctx, 'freshness');
  const headerRow = header(ws, [
    t('platform'),
    t('accountId'),
    t('accountName'),
    `${t('lastPulledAt')} (${model.timeZone})`,
    t('pulledThrough'),
    t('unsettledCount'),
    t('unsettledDays'),
    t('status'),
  ]);
  for (const f of model.freshness) {
    const row = ws.addRow([platformName(f.platform, locale), f.accountId, f.accountName]);
    if (f.lastPulledAt) {
      row.getCell(4).value = excelWallClock(f.lastPulledAt, model.timeZone);
      row.getCell(4).numFmt = DATE_TIME_FMT;
    }
    if (f.pulledThrough) {
      row.getCell(5).value = excelDate(f.pulledThrough);
      row.getCell(5).numFmt = DATE_FMT;
    }
    setCount(row.getCell(6), f.unsettledDays.length);
    row.getCell(7).value = f.unsettledDays.join(', ');
    const status = !f.lastPulledAt ? t('neverPulled') : f.unsettledDays.length > 0 ? t('mayStillChange') : t('settled');
    row.getCell(8).value = status;
    if (f.unsettledDays.length > 0 || !f.lastPulledAt) row.getCell(8).font = { color: { argb: 'FFB45309' }, bold: true };
  }
  finishTable(ws, headerRow, 8);
}

/** The advertiser's tracker apps (which days may still change), then the tracker campaigns no media campaign matched. */
function trackerSheet(wb: ExcelJS.Workbook, ctx: Ctx): void {
  const { model, t, fmt } = ctx;
  if (!model.trackers) return;
  const ws = sheet(wb, ctx, 'tracker');
  const headerRow = header(ws, [
    t('app'),
    t('name'),
    t('tracker'),
    t('timeZone'),
    t('trackerCurrency'),
    t('restatementWindowDays'),
    t('unsettledCount'),
    t('unsettledDays'),
    t('status'),
  ]);
  for (const a of model.trackers.apps) {
    const row = ws.addRow([a.app, a.name, trackerName(a.tracker), a.timeZone, a.currency]);
    setCount(row.getCell(6), a.restatementWindowDays);
    setCount(row.getCell(7), a.unsettledDays.length);
    row.getCell(8).value = a.unsettledDays.join(', ');
    row.getCell(9).value = a.unsettledDays.length > 0 ? t('mayStillChange') : t('settled');
    if (a.unsettledDays.length > 0) row.getCell(9).font = { color: { argb: 'FFB45309' }, bold: true };
  }
  const appsEnd = ws.rowCount;
  ws.addRow([]);
  ws.addRow([t('unmatchedTracker')]).font = { bold: true };
  const unmatched = model.trackers.unmatched;
  if (unmatched.length === 0) ws.addRow([t('noUnmatched')]);
  else {
    styleHeader(
      ws.addRow([
        t('app'),
        t('mediaSource'),
        t('trackerCampaign'),
        t('campaignId'),
        t('reason'),
        t('days'),
        t('installs'),
        t('trackerRevenue'),
        t('trackerCurrency'),
      ]),
    );
    for (const u of unmatched) {
      const row = ws.addRow([u.app, u.mediaSource, u.campaignName, u.campaignId ?? '', unmatchedReason(t, u.reason)]);
      setCount(row.getCell(6), u.days);
      setCount(row.getCell(7), u.installs);
      setMoney(row.getCell(8), u.revenueMicros, u.currency, fmt.currencySymbol(u.currency));
      row.getCell(9).value = u.currency;
    }
  }
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
  // The apps table is the filtered one; the unmatched list below is a second, smaller table.
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: appsEnd, column: 9 } };
  fitColumns(ws, headerRow);
}
