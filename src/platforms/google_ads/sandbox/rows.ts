import { addDays, dateInZone } from '../../../domain/dates';
import type { GoogleAdsCampaign } from './data';
import { googleAdsDelivery, googleAdsServedDay } from './delivery';
import { satisfies, type GaqlQuery } from './gaql';
import { FIELDS, formatRow, type RowContext } from './schema';
import type { RequestScope } from './scope';

/**
 * The rows behind a query before filtering: the customer; or every campaign / ad group (with its campaign and
 * budget); or, with segments.date, every campaign-day / ad group-day that delivered, ad groups split from their
 * campaign's day (ad-groups.ts).
 */
function rowContexts(query: GaqlQuery, scope: RequestScope, asOf: Date): RowContext[] {
  const { account, index, state } = scope;
  if (query.resource === 'customer') return [{ account }];
  const seed = state.world.seed;
  const contexts: RowContext[] = [];
  const add = (campaign: GoogleAdsCampaign, row: Omit<RowContext, 'account' | 'campaign'>) =>
    contexts.push({ account, campaign, budgetMicros: index.budgetMicros(campaign.budgetResourceName), ...row });
  if (!query.dateRange) {
    for (const campaign of index.campaignsOf(account)) {
      if (query.resource === 'campaign') add(campaign, {});
      else for (const adGroup of index.adGroupsOf(campaign)) add(campaign, { adGroup });
    }
    return contexts;
  }
  // Only closed days in the customer's zone (segments.date is in customer.time_zone, reference §2.7).
  const today = dateInZone(asOf, account.timeZone);
  const model = googleAdsDelivery(seed, account, state.mutations);
  for (let date = query.dateRange.from; date <= query.dateRange.to && date < today; date = addDays(date, 1)) {
    for (const campaign of index.campaignsOf(account)) {
      // No delivery → no row: rows whose metrics are all zero are not returned (reference §2.3).
      const served = googleAdsServedDay(model, campaign, index.adGroupsOf(campaign), date, asOf);
      if (!served) continue;
      if (query.resource === 'campaign') add(campaign, { date, day: served.day });
      else for (const row of served.adGroups) add(campaign, { adGroup: row.adGroup, date, day: row.day });
    }
  }
  return contexts;
}

/** Every row the query selects, as of `asOf` (sandbox time). */
export function runQuery(query: GaqlQuery, scope: RequestScope, asOf: Date): Record<string, unknown>[] {
  const rows = rowContexts(query, scope, asOf)
    .filter((ctx) => query.conditions.every((c) => satisfies(c, FIELDS[c.field]?.value(ctx))))
    .map((ctx) => formatRow(query.fields, ctx));
  return query.limit === undefined ? rows : rows.slice(0, query.limit);
}
