import type { ServerResponse } from 'node:http';
import { addDays, dateInZone, daysBetween, isIsoDate, type IsoDate } from '../../../domain/dates';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import { metaCampaignDay, metaDelivery } from './data';
import { sendMetaError } from './errors';
import { fieldSet, formatInsightsRow, INSIGHTS_FIELDS } from './format';
import type { MetaIndex } from './lookup';
import { page } from './paging';

/** GET /act_{id}/insights (docs marketing-api/insights): daily rows per campaign or ad set, paged. */
export function insights(
  token: string,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  state: SandboxState,
  account: SandboxAccount,
  index: MetaIndex,
  respond: (p: Record<string, unknown>) => void,
) {
  const bad = (message: string) => sendMetaError(res, 400, { message, type: 'OAuthException', code: 100 });
  const campaigns = index.campaignsOf(account);
  const level = params.level ?? 'account';
  if (level !== 'campaign' && level !== 'adset') {
    return bad(`(#100) The sandbox serves level=campaign and level=adset only, got level=${level}`);
  }
  if ((params.time_increment ?? 'all_days') !== '1') {
    return bad('(#100) The sandbox serves time_increment=1 only (one row per day)');
  }
  const today = dateInZone(state.now(), account.timeZone);
  let since: IsoDate;
  let until: IsoDate;
  if (params.date_preset) {
    const presets: Record<string, [number, number]> = { yesterday: [1, 1], last_7d: [7, 1], last_30d: [30, 1] };
    const preset = presets[params.date_preset];
    if (!preset) return bad(`(#100) date_preset must be one of ${Object.keys(presets).join(', ')}`);
    [since, until] = [addDays(today, -preset[0]), addDays(today, -preset[1])];
  } else {
    let range: { since?: unknown; until?: unknown };
    try {
      range = JSON.parse(params.time_range ?? '') as typeof range;
    } catch {
      return bad('(#100) param time_range must be a JSON object {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}');
    }
    if (!isIsoDate(range.since) || !isIsoDate(range.until)) {
      return bad('(#100) time_range since/until must be dates in YYYY-MM-DD format');
    }
    [since, until] = [range.since, range.until];
  }
  if (since > until) return bad('(#100) time_range since must be on or before until');
  if (daysBetween(since, today) > 37 * 31)
    return bad('(#3018) The start date of the time range cannot be beyond 37 months from the current date');
  const fields = fieldSet(params.fields, ['spend', 'date_start', 'date_stop']);
  const unknown = [...fields].filter((f) => !(INSIGHTS_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) return bad(`(#100) ${unknown.join(', ')} is not valid for fields param`);

  const rows: Record<string, unknown>[] = [];
  const lastClosedDay = addDays(today, -1);
  const model = metaDelivery(state.world.seed, account, state.mutations);
  for (let date = since; date <= until && date <= lastClosedDay; date = addDays(date, 1)) {
    for (const campaign of campaigns) {
      const served = metaCampaignDay(model, campaign, index.adSetsOf(account, campaign), date, state.now());
      if (!served) continue; // no delivery → no row (Meta omits zero rows)
      if (level === 'campaign') rows.push(formatInsightsRow(account, campaign, date, served.day, fields));
      else
        for (const { adSet, day } of served.adSets)
          rows.push(formatInsightsRow(account, campaign, date, day, fields, adSet));
    }
  }
  page(token, res, url, params, rows, respond, 25);
}
