import type { EntityLevel } from '../../domain/metrics';
import type { EntitySnapshot } from '../../domain/metrics';
import { isRecord, ResponseFormatError } from '../../connectors/errors';
import { NAVER_CURRENCY, type NaverAccountContext, type NaverAdgroup, type NaverCampaign } from './parse';
import { levelOf, won } from './values';
import { NAVER_ADGROUP_ID, NAVER_CAMPAIGN_ID } from './wire';

type ListContext = Omit<NaverAccountContext, 'isMature'>;

/** How each level's objects name their id (ncc-heroes-ncc.json Campaign.nccCampaignId, Adgroup.nccAdgroupId). */
const LISTS = {
  campaign: { idField: 'nccCampaignId', pattern: NAVER_CAMPAIGN_ID, noun: 'campaign', prefix: 'cmp' },
  adset: { idField: 'nccAdgroupId', pattern: NAVER_ADGROUP_ID, noun: 'ad group', prefix: 'grp' },
} as const;

export interface NaverCampaignsPage {
  campaigns: NaverCampaign[];
  entities: EntitySnapshot[];
}

export interface NaverAdgroupsPage {
  adgroups: NaverAdgroup[];
  entities: EntitySnapshot[];
}

/** `GET /ncc/campaigns` → a JSON ARRAY of Campaign objects (ncc-heroes-ncc.json; reference §3.2). */
export function parseNaverCampaigns(body: unknown, ctx: ListContext): NaverCampaignsPage {
  const { refs, entities } = parseList(body, 'campaign', ctx, (ref) => ref);
  return { campaigns: refs, entities };
}

/**
 * `GET /ncc/adgroups?nccCampaignId=…` → a JSON ARRAY of Adgroup objects (ncc-heroes-ncc.json getGroupsUsingGET_2;
 * java-sample rest/Adgroups.java). Every ad group must name `campaignId`, the campaign that was asked for.
 */
export function parseNaverAdgroups(body: unknown, campaignId: string, ctx: ListContext): NaverAdgroupsPage {
  const { refs, entities } = parseList(body, 'adset', ctx, (ref, raw, where) => {
    if (raw.nccCampaignId !== campaignId) {
      throw new ResponseFormatError(
        `${where}.nccCampaignId`,
        `expected the listed campaign ${campaignId}, got ${JSON.stringify(raw.nccCampaignId)}`,
      );
    }
    return { ...ref, campaignId };
  });
  return { adgroups: refs, entities };
}

/** The list shape both levels share: id, customerId, name, status, useDailyBudget/dailyBudget/sharedBudgetId. */
function parseList<R extends NaverCampaign & { campaignId?: string }>(
  body: unknown,
  level: EntityLevel,
  ctx: ListContext,
  refOf: (ref: NaverCampaign, raw: Record<string, unknown>, where: string) => R,
): { refs: R[]; entities: EntitySnapshot[] } {
  const spec = LISTS[level];
  if (!Array.isArray(body)) throw new ResponseFormatError('(body)', `expected a JSON array of ${spec.noun}s`);
  const refs: R[] = [];
  const entities = body.map((raw, i): EntitySnapshot => {
    const where = `[${i}]`;
    if (!isRecord(raw)) throw new ResponseFormatError(where, `expected ${spec.noun} object`);
    const id = raw[spec.idField];
    if (typeof id !== 'string' || !spec.pattern.test(id)) {
      throw new ResponseFormatError(
        `${where}.${spec.idField}`,
        `expected a ${spec.prefix}-… id, got ${JSON.stringify(id)}`,
      );
    }
    if (raw.customerId !== undefined && String(raw.customerId) !== ctx.accountId) {
      throw new ResponseFormatError(
        `${where}.customerId`,
        `${spec.noun} belongs to customer ${JSON.stringify(raw.customerId)}, not ${ctx.accountId}`,
      );
    }
    const name = typeof raw.name === 'string' ? raw.name : '';
    const status = typeof raw.status === 'string' ? raw.status : 'UNKNOWN';
    const ref = refOf({ id, name, status }, raw, where);
    refs.push(ref);
    return {
      platform: 'naver',
      accountId: ctx.accountId,
      advertiserId: ctx.advertiserId,
      ...levelOf(ref),
      entityId: id,
      name,
      status,
      currency: NAVER_CURRENCY,
      dailyBudgetMicros: ownBudget(raw, where),
    };
  });
  return { refs, entities };
}

/**
 * dailyBudget (int KRW) applies only with useDailyBudget=true; false means unlimited, or for an ad group "the
 * campaign's budget applies". A shared budget (sharedBudgetId) overrides the object's own (reference §3.5; Campaign
 * and Adgroup definitions): then the budget lives elsewhere.
 */
function ownBudget(raw: Record<string, unknown>, where: string): bigint | null {
  if (typeof raw.useDailyBudget !== 'boolean') {
    throw new ResponseFormatError(
      `${where}.useDailyBudget`,
      `expected a boolean, got ${JSON.stringify(raw.useDailyBudget)}`,
    );
  }
  const dailyBudget = won(raw, 'dailyBudget', where);
  if (!raw.useDailyBudget || (raw.sharedBudgetId !== null && raw.sharedBudgetId !== undefined)) return null;
  return dailyBudget;
}
