import { addDays, dateInZone, isIsoDate, type IsoDate } from '../../../domain/dates';
import type { DeliveryModel } from '../../../sandbox/delivery';
import type { CampaignDay } from '../../../sandbox/generator';
import { NAVER_FOREIGN_ENTITY } from './api-facts';
import type { NaverSandboxAdgroup } from './adgroup-data';
import type { NaverSandboxCampaign } from './data';
import { KST, naverCampaignDay, naverDelivery } from './delivery';
import { sendNaverError } from './errors';
import { formatDailyRow, formatSummaryRow, STAT_FIELDS } from './format';
import type { NaverCall } from './call';

/** datePreset → [days back of since, days back of until] from today KST; the sandbox serves the rolling ones. */
const PRESETS: Record<string, [number, number]> = {
  today: [0, 0],
  yesterday: [1, 1],
  last7days: [7, 1],
  last30days: [30, 1],
};

type ReportedDays = Array<{ date: IsoDate; day: CampaignDay }>;

/**
 * A campaign's closed days in [since, until] with delivery, as served at `now`, and its ad groups' days by ad group
 * id (the campaign's day split, so a group restates with its campaign); days without delivery are absent.
 */
export function reportedDays(
  model: DeliveryModel,
  now: Date,
  campaign: NaverSandboxCampaign,
  adgroups: NaverSandboxAdgroup[],
  since: IsoDate,
  until: IsoDate,
): { campaign: ReportedDays; adgroups: Map<string, ReportedDays> } {
  // Closed days only. The real API also serves today, partial up to cycleBaseTm (reference §3.3); the sandbox
  // leaves today out so ground truth is stable within a test.
  const lastClosed = addDays(dateInZone(now, KST), -1);
  const days: ReportedDays = [];
  const byAdgroup = new Map<string, ReportedDays>();
  for (let date = since; date <= until && date <= lastClosed; date = addDays(date, 1)) {
    const served = naverCampaignDay(model, campaign, adgroups, date, now);
    // No delivery → no row (issue #570: "stats all zero → empty"; for the daily form this is unverified).
    if (!served) continue;
    days.push({ date, day: served.day });
    for (const part of served.adSets) {
      const list = byAdgroup.get(part.adSet.id) ?? [];
      list.push({ date, day: part.day });
      byAdgroup.set(part.adSet.id, list);
    }
  }
  return { campaign: days, adgroups: byAdgroup };
}

/** `yyyyMMddHHmm` KST: the freshness watermark of the summary form (ncc-report.json `cycleBaseTm`). */
function cycleBaseTm(now: Date): string {
  const kst = new Date(now.getTime() + 9 * 3_600_000).toISOString();
  return kst.slice(0, 16).replace(/[-T:]/g, '');
}

/**
 * GET /stats (reference §3.3): single entity (`id`, daily with timeIncrement=1, the default) or many (`ids`,
 * timeIncrement=allDays only). Ids are campaigns (cmp-) or ad groups (grp-), handled alike. `fields` is a JSON
 * array string, `timeRange` a JSON object string; datePreset wins.
 */
export function stats({ res, state, account, index, respond }: NaverCall, params: URLSearchParams) {
  // Exact codes and wording for invalid /stats parameters are unverified; 1002 is "Invalid request" in the code map.
  const bad = (title: string) => sendNaverError(res, 400, 1002, title);
  const id = params.get('id');
  const ids = params.get('ids');
  if (!id && !ids) return bad('id or ids is required');
  const timeIncrement = params.get('timeIncrement') ?? (id ? '1' : 'allDays');
  if (timeIncrement !== '1' && timeIncrement !== 'allDays') return bad('timeIncrement must be 1 or allDays');
  if (!id && timeIncrement === '1') return bad('timeIncrement=1 is not supported with ids; use allDays or id');
  if (params.get('breakdown')) return bad('sandbox: breakdown is not served');

  let fields: unknown;
  try {
    fields = JSON.parse(params.get('fields') ?? '');
  } catch {
    return bad('fields must be a JSON array string, e.g. ["impCnt","clkCnt","salesAmt"]');
  }
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => typeof f !== 'string')) {
    return bad('fields must be a non-empty JSON array of field names');
  }
  const unknown = fields.filter((f) => !(STAT_FIELDS as readonly string[]).includes(f as string));
  if (unknown.length > 0) return bad(`unknown fields: ${unknown.join(', ')}`);
  const fieldSet = new Set(fields as string[]);

  const today = dateInZone(state.now(), KST);
  let since: IsoDate;
  let until: IsoDate;
  const preset = params.get('datePreset');
  if (preset) {
    const back = PRESETS[preset];
    if (!back) return bad(`sandbox serves datePreset ${Object.keys(PRESETS).join('|')}, got ${preset}`);
    [since, until] = [addDays(today, -back[0]), addDays(today, -back[1])];
  } else {
    let range: { since?: unknown; until?: unknown };
    try {
      range = JSON.parse(params.get('timeRange') ?? '') as typeof range;
    } catch {
      return bad('timeRange must be a JSON string {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}');
    }
    if (!isIsoDate(range?.since) || !isIsoDate(range?.until)) return bad('timeRange since/until must be YYYY-MM-DD');
    [since, until] = [range.since, range.until];
  }
  if (since > until) return bad('timeRange since must not be after until');

  const entityIds = id ? [id] : (ids ?? '').split(',').map((s) => s.trim());
  const seed = state.world.seed;
  const model = naverDelivery(seed, account, state.mutations);
  const entities: Array<{ id: string; days: () => ReportedDays }> = [];
  for (const entityId of entityIds) {
    // Keywords and ads (nkw-/nad-) do not exist in the sandbox; like foreign ids they answer 1018.
    const campaign = index.ownCampaign(account, entityId);
    const place = campaign ? undefined : index.ownAdgroup(account, entityId);
    if (campaign) {
      const days = () => reportedDays(model, state.now(), campaign, index.adgroupsOf(campaign), since, until);
      entities.push({ id: campaign.id, days: () => days().campaign });
    } else if (place) {
      const { campaign: parent, adgroup } = place;
      const days = () => reportedDays(model, state.now(), parent, index.adgroupsOf(parent), since, until);
      entities.push({ id: adgroup.id, days: () => days().adgroups.get(adgroup.id) ?? [] });
    } else {
      return sendNaverError(
        res,
        NAVER_FOREIGN_ENTITY.status,
        NAVER_FOREIGN_ENTITY.code,
        '리소스에 접근할 권한이 없습니다.',
      );
    }
  }

  if (timeIncrement === '1') {
    const entity = entities[0] as (typeof entities)[number];
    const data = entity.days().map(({ date, day }) => formatDailyRow(seed, entity, date, day, fieldSet));
    return respond({ data, summary: { dateStart: since, dateEnd: until } });
  }
  const data = entities
    .map((entity) => ({ entity, days: entity.days() }))
    .filter(({ days }) => days.length > 0)
    .map(({ entity, days }) => formatSummaryRow(seed, entity, days, fieldSet));
  respond({ data, cycleBaseTm: cycleBaseTm(state.now()) });
}
