import { isIsoDate, type IsoDate } from '../../domain/dates';
import { decimalToMicros, MoneyFormatError } from '../../domain/money';
import { ResponseFormatError } from '../../connectors/errors';

/** Core counts are strings, some engagement counts numbers: accept both, as non-negative integers. */
export function count(value: unknown, field: string): number {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ResponseFormatError(field, `expected a non-negative integer, got ${JSON.stringify(value)}`);
}

/** Money is a decimal string in MAJOR units of the advertiser currency ("152340.00"), reference §5.2. */
export function money(value: unknown, field: string): bigint {
  try {
    return decimalToMicros(value, field);
  } catch (err) {
    if (err instanceof MoneyFormatError) throw new ResponseFormatError(field, err.message.replace(`${field}: `, ''));
    throw err;
  }
}

export function numericId(value: unknown, field: string): string {
  // Ids are 16+ digits: beyond 2^53, so only a string keeps them exact.
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  throw new ResponseFormatError(field, `expected a numeric id string, got ${JSON.stringify(value)}`);
}

/** `stat_time_day` is "YYYY-MM-DD HH:MM:SS" at midnight in the advertiser's zone (Airbyte cursor_datetime_formats). */
export function statDay(value: unknown, field: string): IsoDate {
  const match = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2}) 00:00:00$/.exec(value) : null;
  if (!match || !isIsoDate(match[1])) {
    throw new ResponseFormatError(field, `expected "YYYY-MM-DD 00:00:00", got ${JSON.stringify(value)}`);
  }
  return match[1];
}
