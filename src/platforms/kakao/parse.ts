import type { IsoDate } from '../../domain/dates';
import type { EntityLevel } from '../../domain/metrics';
import { MICROS_PER_UNIT } from '../../domain/money';
import type { EntitySnapshot } from '../../domain/metrics';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { KAKAO_ADGROUP_PARENT_FIELD, KAKAO_CURRENCY, KAKAO_TIME_ZONE } from './wire';

export interface KakaoAccountContext {
  advertiserId: string;
  accountId: string;
  /** Whether a report date is settled (Kakao: 08:00 KST the next day). */
  isMature: (date: IsoDate) => boolean;
}

/** One entry of a campaign or ad group list. */
export interface KakaoListItem {
  id: string;
  name: string;
  /** ON | OFF | DEL (docs kakaomoment/campaign, kakaomoment/ad-group). */
  config: string;
}

/** Kakao ids are JSON integers (Long); a digit string is accepted too. Returned as the decimal string. */
export function idField(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  throw new ResponseFormatError(field, `expected a numeric id, got ${JSON.stringify(value)}`);
}

/** Whole KRW as a JSON number (152340 or 152340.0 on the wire) → micros, never through a fractional float. */
export function kakaoWonToMicros(value: unknown, field: string): bigint {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ResponseFormatError(field, `expected an amount in KRW, got ${JSON.stringify(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ResponseFormatError(field, `expected whole non-negative won, got ${value}`);
  }
  return BigInt(value) * MICROS_PER_UNIT;
}

/**
 * `GET /openapi/v4/adAccounts/{id}` → what the platform says about the account. The ad-account object has no
 * currency or zone: Kakao Moment is KRW and KST throughout (reference §0, §4.6), so those are platform constants.
 */
export function parseKakaoAdAccount(
  body: unknown,
  accountId: string,
): { currency: string; timeZone: string; name: string } {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const id = idField(body.id, 'id');
  if (id !== accountId) throw new ResponseFormatError('id', `expected ad account ${accountId}, got ${id}`);
  return { currency: KAKAO_CURRENCY, timeZone: KAKAO_TIME_ZONE, name: typeof body.name === 'string' ? body.name : '' };
}

/**
 * `GET /openapi/v4/campaigns` and `GET /openapi/v4/adGroups?campaignId=` share one shape: `{content: [{id, name,
 * config, userConfig, systemConfig, ...}]}` (docs kakaomoment/campaign, kakaomoment/ad-group). No paging documented.
 */
function parseKakaoList(body: unknown, what: string): KakaoListItem[] {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  if (!Array.isArray(body.content)) throw new ResponseFormatError('content', `expected an array of ${what}`);
  return body.content.map((raw, i) => {
    const where = `content[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, 'expected an object');
    return {
      id: idField(raw.id, `${where}.id`),
      name: typeof raw.name === 'string' ? raw.name : '',
      config: typeof raw.config === 'string' ? raw.config : 'UNKNOWN',
    };
  });
}

export const parseKakaoCampaignList = (body: unknown) => parseKakaoList(body, 'campaigns');
export const parseKakaoAdGroupList = (body: unknown) => parseKakaoList(body, 'ad groups');

type EntityContext = Omit<KakaoAccountContext, 'isMature'>;

/**
 * A campaign or ad group detail → entity snapshot. `dailyBudgetAmount` is integer KRW, or null for "no daily limit"
 * (reference §4.2, §4.5; the meaning of null is unverified). A system stop (ADMIN_STOP, EXTERNAL_SERVICE_STOP)
 * overrides the user's ON: the entity does not deliver.
 */
function parseKakaoDetail(body: unknown, ctx: EntityContext, level: EntityLevel, campaignId?: string): EntitySnapshot {
  if (!isRecord(body)) throw new ResponseFormatError('(body)', 'expected a JSON object');
  const id = idField(body.id, 'id');
  const budget = body.dailyBudgetAmount;
  const config = typeof body.config === 'string' ? body.config : 'UNKNOWN';
  const system = typeof body.systemConfig === 'string' ? body.systemConfig : 'ON';
  return {
    platform: 'kakao',
    accountId: ctx.accountId,
    advertiserId: ctx.advertiserId,
    level,
    entityId: id,
    ...(campaignId === undefined ? {} : { campaignId }),
    name: typeof body.name === 'string' ? body.name : '',
    status: config === 'ON' && system !== 'ON' ? system : config,
    currency: KAKAO_CURRENCY,
    dailyBudgetMicros: budget === undefined || budget === null ? null : kakaoWonToMicros(budget, 'dailyBudgetAmount'),
  };
}

/** `GET /openapi/v4/campaigns/{id}` → campaign snapshot (docs kakaomoment/campaign). */
export function parseKakaoCampaignDetail(body: unknown, ctx: EntityContext): EntitySnapshot {
  return parseKakaoDetail(body, ctx, 'campaign');
}

/**
 * `GET /openapi/v4/adGroups/{id}` → ad group snapshot under `ctx.campaignId` (the campaign whose list named it). The
 * detail's own parent object, when present, must agree (docs kakaomoment/ad-group; parent field unverified, wire.ts).
 */
export function parseKakaoAdGroupDetail(body: unknown, ctx: EntityContext & { campaignId: string }): EntitySnapshot {
  if (isRecord(body) && isRecord(body[KAKAO_ADGROUP_PARENT_FIELD])) {
    const field = `${KAKAO_ADGROUP_PARENT_FIELD}.id`;
    const parent = idField(body[KAKAO_ADGROUP_PARENT_FIELD].id, field);
    if (parent !== ctx.campaignId) {
      throw new ResponseFormatError(field, `expected campaign ${ctx.campaignId}, got ${parent}`);
    }
  }
  return parseKakaoDetail(body, ctx, 'adset', ctx.campaignId);
}
