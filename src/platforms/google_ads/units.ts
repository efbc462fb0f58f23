import { microsStringToMicros, MoneyFormatError } from '../../domain/money';
import { ResponseFormatError } from '../../connectors/errors';

/**
 * Proto3 JSON value decoding for Google Ads rows (docs: developers.google.com/protocol-buffers/docs/proto3#json;
 * reference §2.3): int64 fields (ids, impressions, clicks, costMicros, amountMicros) arrive as decimal STRINGS,
 * doubles (conversions, conversionsValue) as JSON numbers. A field holding its default value may be omitted.
 */

const INT64 = /^-?\d+$/;

/** An int64 count (impressions, clicks) → number; larger than 2^53 would lose precision, so it is refused. */
export function int64Count(value: unknown, field: string): number {
  if (typeof value !== 'string' || !INT64.test(value)) {
    throw new ResponseFormatError(field, `expected an int64 decimal string, got ${JSON.stringify(value)}`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ResponseFormatError(field, `expected a non-negative count below 2^53, got ${value}`);
  }
  return n;
}

/** An int64 id ("21345678901") kept as a string, never through Number. */
export function int64Id(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    throw new ResponseFormatError(field, `expected an int64 id string, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** An int64 micros amount (costMicros, amountMicros) → bigint. Numbers are refused: proto3 JSON sends strings. */
export function int64Micros(value: unknown, field: string): bigint {
  if (typeof value !== 'string') {
    throw new ResponseFormatError(field, `expected an int64 micros string, got ${JSON.stringify(value)}`);
  }
  try {
    return microsStringToMicros(value, field);
  } catch (err) {
    if (err instanceof MoneyFormatError) {
      throw new ResponseFormatError(field, `expected an int64 micros string, got ${JSON.stringify(value)}`);
    }
    throw err;
  }
}

/** A proto3 double: a JSON number (parsers also accept a numeric string); NaN and Infinity are refused. */
export function doubleValue(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new ResponseFormatError(field, `expected a finite number, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * A money double in MAJOR units (metrics.conversions_value) → micros, without going through a float product.
 * The double's shortest round-trip decimal (what the server printed: 2410500, 1234.56) is read as a decimal
 * string, then rounded half away from zero at the 6th decimal (Google values can carry more decimals than the
 * currency: data-driven attribution splits values).
 */
export function doubleMajorToMicros(value: unknown, field: string): bigint {
  const n = doubleValue(value, field);
  if (Math.abs(n) >= 1e15) throw new ResponseFormatError(field, `amount out of range: ${n}`);
  let text = String(n);
  if (/e/i.test(text)) text = n.toFixed(7); // tiny magnitudes only (large ones were refused above)
  const negative = text.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
  let micros = BigInt(whole) * 1_000_000n + BigInt(fraction.slice(0, 6).padEnd(6, '0'));
  if (fraction.length > 6 && Number(fraction[6]) >= 5) micros += 1n;
  return negative ? -micros : micros;
}
