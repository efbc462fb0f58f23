import type { ServerResponse } from 'node:http';
import { addDays, dateInZone, daysBetween, isIsoDate, type IsoDate } from '../../../domain/dates';
import type { EntityLevel } from '../../../domain/metrics';
import {
  KAKAO_DELETED_ADGROUP_DETAIL_CODE,
  KAKAO_DELETED_CAMPAIGN_DETAIL_CODE,
  KAKAO_REPORT_LEVELS,
  KAKAO_REPORT_MAX_DAYS,
} from './api-facts';
import type { CampaignDay, SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { kakaoDelivery, kakaoServedDay, reportIntervalMs, type KakaoCatalog } from './data';
import type { DeliveryModel } from '../../../sandbox/delivery';
import { badParam, businessError, quotaExceeded } from './errors';
import { formatReportRow, METRICS_GROUPS } from './format';

/** The entity-days one report call serves for a date: id and the day as served at `now` (no row without delivery). */
type DaysOf = (date: IsoDate, now: Date) => Array<{ id: number; day: CampaignDay }>;

const compact = (text: string | null): IsoDate | null => {
  const iso = text && /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : null;
  return isIsoDate(iso) ? iso : null;
};

/**
 * `GET /campaigns/report` and `GET /adGroups/report` (docs kakaomoment/report, reference §4.3): start/end as yyyyMMdd
 * within 31 days, today excluded from the data, values provisional until 08:00 KST the next day, and one call per 5 s
 * per ad account across both endpoints (the limit is keyed by the adAccountId header, not by the endpoint).
 */
export function report(
  level: EntityLevel,
  res: ServerResponse,
  url: URL,
  state: SandboxState,
  account: SandboxAccount,
  catalog: KakaoCatalog,
  respond: (payload: Record<string, unknown>) => void,
) {
  // The 5-second rule is measured on the real clock, so moving the sandbox's report clock never trips it.
  const key = `kakao:report:${account.id}`;
  const last = state.usage.get(key)?.[0];
  const interval = reportIntervalMs(state.world);
  if (last !== undefined && Date.now() - last < interval) {
    state.count('kakao:report_too_soon');
    return quotaExceeded(res, `report API allows one call per ${interval / 1000} s per ad account`);
  }

  const params = url.searchParams;
  if (params.has('datePreset')) return badParam(res, 'the sandbox serves start/end only, not datePreset');
  const start = compact(params.get('start'));
  const end = compact(params.get('end'));
  if (!start || !end) return badParam(res, 'start and end must be dates in yyyyMMdd format');
  if (start > end) return badParam(res, 'start must be on or before end');
  if (daysBetween(start, end) + 1 > KAKAO_REPORT_MAX_DAYS) {
    return badParam(res, `the period from start to end must be within ${KAKAO_REPORT_MAX_DAYS} days`);
  }
  if ((params.get('timeUnit') ?? 'DAY') !== 'DAY') return badParam(res, 'timeUnit must be DAY');
  const groups = new Set((params.getAll('metricsGroup').join(',') || 'BASIC').split(',').map((g) => g.trim()));
  const unknownGroups = [...groups].filter((g) => !METRICS_GROUPS.has(g));
  if (unknownGroups.length > 0) return badParam(res, `unknown metricsGroup ${unknownGroups.join(',')}`);
  const spec = KAKAO_REPORT_LEVELS[level];
  const ids = params
    .getAll(spec.idParam)
    .join(',')
    .split(',')
    .map((i) => i.trim())
    .filter((i) => i !== '');
  if (ids.length === 0) return badParam(res, `${spec.idParam} is required`);
  if (ids.length > spec.batch) return badParam(res, `at most ${spec.batch} ids in ${spec.idParam}, got ${ids.length}`);
  const { resolve, deletedCode, noun } = LEVELS[level];
  const daysOf = resolve(kakaoDelivery(state.world.seed, account, state.mutations), catalog, ids);
  if ('unknown' in daysOf) return businessError(res, deletedCode, `${noun} ${daysOf.unknown} does not exist`);

  state.usage.set(key, [Date.now()]);
  const now = state.now();
  const lastClosedDay = addDays(dateInZone(now, account.timeZone), -1); // today is excluded from start/end data
  const data: Record<string, unknown>[] = [];
  for (let date = start; date <= end && date <= lastClosedDay; date = addDays(date, 1)) {
    for (const { id, day } of daysOf(date, now)) {
      const row = formatReportRow(level, id, date, day, groups);
      if (row) data.push(row);
    }
  }
  respond({ code: 200, message: 'Success', data });
}

/** Serves a level's requested ids, or names the first id the account does not have. */
type Resolve = (model: DeliveryModel, catalog: KakaoCatalog, ids: string[]) => DaysOf | { unknown: string };

const campaignDays: Resolve = (model, catalog, ids) => {
  const requested = ids.map((id) => catalog.campaigns.find((c) => String(c.id) === id));
  const unknown = ids.find((_, i) => requested[i] === undefined);
  if (unknown !== undefined) return { unknown };
  const campaigns = requested.flatMap((c) => (c ? [c] : []));
  return (date, now) =>
    campaigns.flatMap((campaign) => {
      const served = kakaoServedDay(model, campaign, catalog.adGroupsOf(campaign), date, now);
      return served ? [{ id: campaign.id, day: served.day }] : [];
    });
};

/** Ad group days are the campaign's served day split across its ad groups: computed once per campaign and date. */
const adGroupDays: Resolve = (model, catalog, ids) => {
  const found = ids.map((id) => catalog.adGroup(id));
  const unknown = ids.find((_, i) => found[i] === undefined);
  if (unknown !== undefined) return { unknown };
  const requested = new Set(found.map((f) => f?.adGroup.id));
  const campaigns = new Set(found.flatMap((f) => (f ? [f.campaign] : [])));
  return (date, now) =>
    [...campaigns].flatMap((campaign) => {
      const served = kakaoServedDay(model, campaign, catalog.adGroupsOf(campaign), date, now);
      if (!served) return [];
      return served.adSets
        .filter(({ adSet }) => requested.has(adSet.id))
        .map(({ adSet, day }) => ({ id: adSet.id, day }));
    });
};

/** Per level: how ids resolve, and the business error for one that is gone (community detail codes, wire.ts). */
const LEVELS: Record<EntityLevel, { resolve: Resolve; deletedCode: number; noun: string }> = {
  campaign: { resolve: campaignDays, deletedCode: KAKAO_DELETED_CAMPAIGN_DETAIL_CODE, noun: 'campaign' },
  adset: { resolve: adGroupDays, deletedCode: KAKAO_DELETED_ADGROUP_DETAIL_CODE, noun: 'ad group' },
};
