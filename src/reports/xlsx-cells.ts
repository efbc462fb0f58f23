import type { Cell, Worksheet } from 'exceljs';
import { currencyDecimals } from '../domain/money';
import { exactDecimal } from './exact-decimal';
import type { KpiField } from './kpi-fields';
import type { Kpis } from './model';

/**
 * Excel keeps 15 significant digits, and any decimal of at most 15 significant digits survives the trip through an
 * IEEE double unchanged (DBL_DIG = 15): Number("1234.56") written by exceljs as its shortest form "1234.56" is read
 * back by Excel as 1234.56.
 */
const EXCEL_DIGITS = 15;

/**
 * A money cell's value: the exact amount (micros ÷ 10^6, every micro kept) as a number when that decimal has at most
 * 15 significant digits, so Excel can sum it and shows exactly what the database holds; otherwise (beyond a
 * trillion dollars, or a quadrillion won) the exact decimal as text, because a number would be silently rounded.
 * The cell's number format then shows it at the currency's minor unit, as every other format does.
 */
export function moneyCellValue(micros: bigint, currency: string): number | string {
  const decimal = exactDecimal(micros, 0);
  const digits = decimal.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length <= EXCEL_DIGITS ? Number(decimal) : exactDecimal(micros, currencyDecimals(currency));
}

/** `"₩"#,##0` or `"$"#,##0.00`: the symbol quoted (it may be "US$" or contain letters), minor digits per currency. */
export function moneyNumFmt(currency: string, symbol: string): string {
  const decimals = currencyDecimals(currency);
  const quoted = `"${symbol.replace(/"/g, '')}"`;
  const number = decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
  return `${quoted}${number};-${quoted}${number}`;
}

export const COUNT_FMT = '#,##0';
export const FRACTIONAL_COUNT_FMT = '#,##0.00';
export const PERCENT_FMT = '0.00%';
export const DELTA_FMT = '+0.0%;-0.0%;0.0%';
export const DATE_FMT = 'yyyy-mm-dd';
export const DATE_TIME_FMT = 'yyyy-mm-dd hh:mm';

export function setMoney(cell: Cell, micros: bigint | null, currency: string, symbol: string): void {
  if (micros === null) return; // undefined (÷ 0): an empty cell, not a misleading 0
  cell.value = moneyCellValue(micros, currency);
  cell.numFmt = moneyNumFmt(currency, symbol);
  if (typeof cell.value === 'string') cell.alignment = { horizontal: 'right' };
}

export function setCount(cell: Cell, value: number): void {
  cell.value = value;
  // Conversions may be fractional (Google Ads attributes parts of a conversion).
  cell.numFmt = Number.isInteger(value) ? COUNT_FMT : FRACTIONAL_COUNT_FMT;
}

export function setKpi(cell: Cell, field: KpiField, kpis: Kpis, currency: string, symbol: string): void {
  const value = field.value(kpis);
  if (value === null) return;
  if (field.kind === 'money') setMoney(cell, value as bigint, currency, symbol);
  else if (field.kind === 'count') setCount(cell, value as number);
  else {
    cell.value = value as number;
    cell.numFmt = PERCENT_FMT;
  }
}

/** An IsoDate as an Excel date (exceljs converts a Date from its UTC fields, so UTC midnight is that calendar day). */
export function excelDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** An instant as the wall-clock time in `timeZone`, for Excel, which has no time zones (the header names the zone). */
export function excelWallClock(iso: string, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')));
}

/** Display width of text in Excel's character units: Hangul and other wide glyphs take two. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

/**
 * Column widths from the content of the rows from `headerRow` down: the widest value (numbers as their formatted length, roughly), headers allowed
 * to wrap onto two lines, within bounds so one long campaign name does not push the figures off screen.
 */
export function fitColumns(ws: Worksheet, headerRow: number, min = 8, max = 48): void {
  ws.columns.forEach((column) => {
    let width = min;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      const value = cell.value;
      let w: number;
      if (Number(cell.row) < headerRow) return; // the title block above the table may overflow to the right
      if (Number(cell.row) === headerRow) w = Math.ceil(textWidth(String(value)) / 2) + 2;
      else if (typeof value === 'number') w = String(Math.trunc(Math.abs(value))).length * 1.35 + 7;
      else if (value instanceof Date) w = cell.numFmt === DATE_TIME_FMT ? 17 : 12;
      else w = textWidth(String(value ?? '')) + 2 + (cell.alignment?.indent ?? 0) * 2;
      width = Math.max(width, w);
    });
    column.width = Math.min(max, Math.ceil(width));
  });
}
