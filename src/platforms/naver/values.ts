import type { EntityLevel } from '../../domain/metrics';
import { decimalToMicros } from '../../domain/money';
import { ResponseFormatError } from '../../connectors/errors';

/** A JSON integer ≥ 0 that fits a double exactly (counts, and money in whole won). */
export function integer(row: Record<string, unknown>, name: string, where: string): number {
  const value = row[name];
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new ResponseFormatError(`${where}.${name}`, `expected a non-negative integer, got ${JSON.stringify(value)}`);
}

/** Whole won (salesAmt, convAmt, dailyBudget are integer KRW: ncc-report.json DailyStatMap, Campaign) → micros. */
export function won(row: Record<string, unknown>, name: string, where: string): bigint {
  return decimalToMicros(integer(row, name, where), `${where}.${name}`);
}

/**
 * Level fields of a row about `entity`: an ad group carries its campaign; a campaign row has no campaignId at all
 * (absent, not undefined, which the database driver would store as null).
 */
export function levelOf(entity: { id: string; campaignId?: string }): { level: EntityLevel; campaignId?: string } {
  return entity.campaignId === undefined ? { level: 'campaign' } : { level: 'adset', campaignId: entity.campaignId };
}
