import type { PlatformRefusal } from '../../connectors/budget-refusal';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import type { EntityLevel } from '../../domain/metrics';
import { MICROS_PER_UNIT } from '../../domain/money';
import { won } from './values';

/** The object path and id field of each level (ncc-heroes-ncc.json Campaign.nccCampaignId, Adgroup.nccAdgroupId). */
export const NAVER_BUDGET_OBJECTS = {
  campaign: { path: '/ncc/campaigns', idField: 'nccCampaignId' },
  adset: { path: '/ncc/adgroups', idField: 'nccAdgroupId' },
} as const satisfies Record<EntityLevel, { path: string; idField: string }>;

export interface NaverBudgetObject {
  /** The whole object as Naver sent it: the budget PUT sends it back with only the budget changed. */
  raw: Record<string, unknown>;
  /** Own daily budget in micros; null when unlimited (useDailyBudget=false) or a shared budget overrides it. */
  micros: bigint | null;
  sharedBudgetId: string | null;
  editTm?: string;
}

/**
 * `GET /ncc/campaigns/{id}` or `GET /ncc/adgroups/{id}` → its budget (reference §3.5): dailyBudget (int64 KRW) applies
 * only with useDailyBudget=true; a sharedBudgetId overrides the object's own budget.
 */
export function parseNaverBudgetObject(body: unknown, level: EntityLevel, entityId: string): NaverBudgetObject {
  const { idField } = NAVER_BUDGET_OBJECTS[level];
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (body[idField] !== entityId) {
    throw new ResponseFormatError(idField, `expected ${entityId}, got ${JSON.stringify(body[idField])}`);
  }
  if (typeof body.useDailyBudget !== 'boolean') {
    throw new ResponseFormatError('useDailyBudget', `expected a boolean, got ${JSON.stringify(body.useDailyBudget)}`);
  }
  const dailyBudget = won(body, 'dailyBudget', '(body)');
  const shared = body.sharedBudgetId;
  if (shared !== undefined && shared !== null && (typeof shared !== 'string' || shared === '')) {
    throw new ResponseFormatError('sharedBudgetId', `expected an id or null, got ${JSON.stringify(shared)}`);
  }
  const sharedBudgetId = typeof shared === 'string' ? shared : null;
  return {
    raw: body,
    micros: body.useDailyBudget && sharedBudgetId === null ? dailyBudget : null,
    sharedBudgetId,
    ...(typeof body.editTm === 'string' ? { editTm: body.editTm } : {}),
  };
}

/**
 * The PUT ?fields=budget body: the object as read, with useDailyBudget true and the new dailyBudget (what the official
 * Java sample does). useDailyBudget is always sent: without it the budget becomes unlimited (naver/searchad-apidoc#732).
 */
export function naverBudgetBody(object: NaverBudgetObject, wonAmount: bigint): Record<string, unknown> {
  return { ...object.raw, useDailyBudget: true, dailyBudget: Number(wonAmount) };
}

/** Whole won a JSON number can carry exactly (dailyBudget is int64 on the wire, a double in JSON parsers). */
export const NAVER_MAX_BUDGET_MICROS = BigInt(Number.MAX_SAFE_INTEGER) * MICROS_PER_UNIT;

/**
 * Error codes that refuse the budget value (NaverSA_API_Error_Code_MAP.md, reference §3.5): 3505 invalid campaign
 * daily budget; 3704, 3720, 3724 ad group budget errors.
 */
const BUDGET_REFUSAL_CODES = new Set([3505, 3704, 3720, 3724]);

export function readNaverBudgetRefusal(status: number, body: unknown): PlatformRefusal | null {
  if (status < 400 || !isRecord(body) || typeof body.code !== 'number') return null;
  if (!BUDGET_REFUSAL_CODES.has(body.code)) return null;
  const title = typeof body.title === 'string' && body.title ? body.title : `HTTP ${status}`;
  return { reason: title, code: String(body.code) };
}
