/**
 * Money is integer micros (1 currency unit = 1,000,000 micros) held as bigint, so KRW sums across an agency book
 * never pass through a float (2^53 micros is only about KRW 9 billion).
 */
export const MICROS_PER_UNIT = 1_000_000n;

const DECIMAL = /^-?\d+(\.\d+)?$/;

export class MoneyFormatError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field}: expected a decimal amount, got ${JSON.stringify(value)}`);
    this.name = 'MoneyFormatError';
  }
}

/** "152340" or "14.35" (major units, as Meta and TikTok send spend) → micros. More than 6 decimals is rejected. */
export function decimalToMicros(value: unknown, field: string): bigint {
  const text = typeof value === 'number' && Number.isFinite(value) ? numberToPlainString(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) throw new MoneyFormatError(field, value);
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  if (fraction.length > 6) throw new MoneyFormatError(field, value);
  const micros = BigInt(whole) * MICROS_PER_UNIT + BigInt(fraction.padEnd(6, '0'));
  return negative ? -micros : micros;
}

/** Google Ads style int64 micros string ("84120000000") → bigint, never through Number. */
export function microsStringToMicros(value: unknown, field: string): bigint {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new MoneyFormatError(field, value);
}

/** micros → "1234.5" style decimal string with exactly `decimals` places (for reports and CSV). */
export function microsToDecimal(micros: bigint, decimals: number): string {
  const negative = micros < 0n;
  const abs = negative ? -micros : micros;
  const scale = 10n ** BigInt(6 - decimals);
  const rounded = (abs + scale / 2n) / scale; // half-up at the display precision
  const text = rounded.toString().padStart(decimals + 1, '0');
  const whole = decimals === 0 ? text : text.slice(0, -decimals);
  const fraction = decimals === 0 ? '' : `.${text.slice(-decimals)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Digits after the decimal point for display, ISO 4217 minor units (KRW and JPY have none). */
export function currencyDecimals(currency: string): number {
  return ZERO_DECIMAL_CURRENCIES.has(currency) ? 0 : 2;
}

/**
 * Meta budgets are in the currency's minor units via its "offset" (USD 100, KRW 1).
 * Source: https://developers.facebook.com/docs/marketing-api/currencies
 */
export function metaCurrencyOffset(currency: string): bigint {
  return ZERO_DECIMAL_CURRENCIES.has(currency) ? 1n : 100n;
}

export function metaBudgetToMicros(minorUnits: unknown, currency: string, field: string): bigint {
  const minor = microsStringToMicros(minorUnits, field);
  return (minor * MICROS_PER_UNIT) / metaCurrencyOffset(currency);
}

export function microsToMetaBudget(micros: bigint, currency: string): string {
  const offset = metaCurrencyOffset(currency);
  if ((micros * offset) % MICROS_PER_UNIT !== 0n) {
    throw new MoneyFormatError('daily_budget', `${micros} micros is not a whole number of ${currency} minor units`);
  }
  return ((micros * offset) / MICROS_PER_UNIT).toString();
}

// Zero-decimal currencies in Meta's currency table (offset 1).
const ZERO_DECIMAL_CURRENCIES = new Set(['KRW', 'JPY', 'TWD', 'IDR', 'VND', 'CLP', 'COP', 'HUF', 'ISK', 'PYG']);

function numberToPlainString(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : value.toFixed(6).replace(/0+$/, '');
}
