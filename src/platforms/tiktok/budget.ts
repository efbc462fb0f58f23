import type { PlatformRefusal } from '../../connectors/budget-refusal';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import type { EntityLevel } from '../../domain/metrics';
import { parseData, parseList } from './envelope';
import { TIKTOK_CODES } from './codes';
import { money, numericId } from './values';
import { TIKTOK_BUDGET_MODE } from './wire';

/**
 * Per level: the list endpoint read by id (SDK CampaignApi / AdgroupApi docs: `filtering` with campaign_ids or
 * adgroup_ids) and the update endpoint (reference §5.4: campaign/update/, adgroup/update/).
 */
export const TIKTOK_BUDGET_LEVELS = {
  campaign: { get: 'campaign/get', update: 'campaign/update', idField: 'campaign_id', filter: 'campaign_ids' },
  adset: { get: 'adgroup/get', update: 'adgroup/update', idField: 'adgroup_id', filter: 'adgroup_ids' },
} as const satisfies Record<EntityLevel, { get: string; update: string; idField: string; filter: string }>;

/**
 * The entry for `entityId` in a campaign/get or adgroup/get answer → its daily budget in micros. Only
 * BUDGET_MODE_DAY is a daily budget; TOTAL and INFINITE (no budget of its own, e.g. an ad group under a campaign
 * budget) read as null. budget is a number in MAJOR units (reference §5.4); a numeric string is accepted too.
 */
export function parseTiktokDailyBudget(body: unknown, level: EntityLevel, entityId: string): bigint | null {
  const { idField } = TIKTOK_BUDGET_LEVELS[level];
  const list = parseList(parseData(body));
  const index = list.findIndex((raw) => isRecord(raw) && raw[idField] === entityId);
  if (index < 0) throw new ResponseFormatError(`data.list[].${idField}`, `${entityId} is not in the answer`);
  const entry = list[index] as Record<string, unknown>;
  const where = `data.list[${index}]`;
  numericId(entry[idField], `${where}.${idField}`);
  const mode = entry.budget_mode;
  if (typeof mode !== 'string') throw new ResponseFormatError(`${where}.budget_mode`, 'expected a budget mode');
  if (mode !== TIKTOK_BUDGET_MODE.daily) return null;
  return money(entry.budget, `${where}.budget`);
}

/**
 * A major-unit amount as the JSON number TikTok expects, written as decimal text so no float arithmetic touches it.
 * `minor` is in minor units of a currency with `decimals` decimals.
 */
export function majorUnitsText(minor: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const whole = (minor / scale).toString();
  const fraction = (minor % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The update body with `budget` as a JSON number literal (the decimal text above, not a float's rendering). */
export function tiktokBudgetBody(level: EntityLevel, advertiserId: string, entityId: string, major: string): string {
  const { idField } = TIKTOK_BUDGET_LEVELS[level];
  const head = JSON.stringify({ advertiser_id: advertiserId, [idField]: entityId });
  return `${head.slice(0, -1)},"budget":${major}}`;
}

/**
 * On a budget update, "invalid parameters" is TikTok refusing the value: below the $50 / $20 minimum, a budget type
 * that cannot be changed, a budget on the wrong level (docs ads.tiktok.com/help/article/budget). The code is
 * unverified (codes.ts); the message is TikTok's own.
 */
export function readTiktokBudgetRefusal(_status: number, body: unknown): PlatformRefusal | null {
  if (!isRecord(body) || body.code !== TIKTOK_CODES.invalidParams) return null;
  const message = typeof body.message === 'string' && body.message ? body.message : 'invalid budget';
  return { reason: message, code: String(body.code) };
}

/** The update's `data` must name the entity it changed (reference §5.4 response). */
export function parseTiktokUpdate(body: unknown, level: EntityLevel, entityId: string): void {
  const { idField } = TIKTOK_BUDGET_LEVELS[level];
  const data = parseData(body);
  if (data[idField] !== undefined && String(data[idField]) !== entityId) {
    throw new ResponseFormatError(`data.${idField}`, `expected ${entityId}, got ${JSON.stringify(data[idField])}`);
  }
}
