import { currencyDecimals, microsToDecimal } from '../domain/money';
import type { ReportLocale } from './model';

/** Shown where a figure is undefined (a ratio over zero, a missing previous value). */
export const NONE = '–';

/**
 * Locale-aware text for figures. Money goes micros → decimal string (src/domain/money.ts, half-up at the currency's
 * minor unit) → Intl.NumberFormat, which formats a decimal *string* exactly (ECMA-402 Intl.NumberFormat v3), so no
 * amount ever passes through a float. Ratios (CTR, CVR, ROAS) are numbers in the model and stay numbers.
 */
export interface Formatter {
  readonly locale: ReportLocale;
  money(micros: bigint | null, currency: string): string;
  count(value: number | null): string;
  percent(fraction: number | null): string;
  /** A change as a signed percent ("+12.3%"), or NONE. */
  delta(fraction: number | null): string;
  /** An IsoDate: "2026. 11. 29." / "Nov 29, 2026". */
  date(isoDate: string): string;
  /** An IsoDate without the year, for chart axes: "11. 29." / "11/29". */
  shortDate(isoDate: string): string;
  /** An ISO instant in the report's time zone. */
  instant(iso: string): string;
  /** The currency's symbol in this locale ("₩", "$", "US$"). */
  currencySymbol(currency: string): string;
}

export function formatter(locale: ReportLocale, timeZone: string): Formatter {
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: string) => {
    let format = moneyFormats.get(currency);
    if (!format) {
      const digits = currencyDecimals(currency);
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      moneyFormats.set(currency, format);
    }
    return format;
  };
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const delta = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  // Calendar dates are formatted at UTC midnight in UTC, so the machine's zone can never shift the day.
  const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
  const shortDate = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
  // Korean business documents use the 24-hour clock (and this ICU prints "AM" rather than 오전 for ko-KR).
  const hourCycle = locale === 'ko-KR' ? 'h23' : 'h12';
  const instant = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle });
  const utcMidnight = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

  return {
    locale,
    money: (micros, currency) => {
      if (micros === null) return NONE;
      const decimal = microsToDecimal(micros, currencyDecimals(currency)) as `${number}`;
      return moneyFormat(currency).format(decimal);
    },
    count: (value) => (value === null ? NONE : count.format(value)),
    percent: (fraction) => (fraction === null ? NONE : percent.format(fraction)),
    delta: (fraction) => (fraction === null ? NONE : delta.format(fraction)),
    date: (isoDate) => date.format(utcMidnight(isoDate)),
    shortDate: (isoDate) => shortDate.format(utcMidnight(isoDate)),
    instant: (iso) => instant.format(new Date(iso)),
    currencySymbol: (currency) =>
      moneyFormat(currency)
        .formatToParts(0)
        .find((p) => p.type === 'currency')?.value ?? currency,
  };
}
