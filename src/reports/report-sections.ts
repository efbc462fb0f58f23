import type { IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import { addTotals, kpiDelta, kpis, ZERO_TOTALS } from '../domain/report-math';
import { monthPacing } from '../domain/report-pacing';
import type { DaySum } from '../storage/report-store';
import type { AdSetRow, CampaignRow, CurrencySection, PlatformRow, Totals } from './model';

export interface SectionInputs {
  /** Every day of the period, in order (the daily series is zero-filled over them). */
  dates: IsoDate[];
  /** Period sums per day and entity, both levels: grouped by level, platform, accountId, campaignId, entityId,
   *  entityName, currency. */
  current: DaySum[];
  /** Previous period, campaign rows, grouped by currency. */
  previous: DaySum[];
  /** Currencies the advertiser's accounts use (config order): shown even when nothing was spent. */
  currencies: string[];
  /** Current names from the entities collection (platform|accountId|level|entityId), else the rows' latest name. */
  names: Map<string, string>;
  /** Per currency: month budget and month-to-date spend through the period's last day, when config has a budget. */
  pacing: Map<string, { monthlyBudgetMicros: bigint; monthToDateSpendMicros: bigint }>;
}

/**
 * One section per currency, never adding across currencies. Totals, the daily series and platform rows come from
 * campaign rows only; ad set rows are a breakdown shown under their campaign, so adding them too would count every
 * amount twice.
 */
export function buildSections(input: SectionInputs): CurrencySection[] {
  const to = input.dates.at(-1) as IsoDate;
  const found = new Set([...input.current, ...input.previous].map((s) => s.key.currency ?? ''));
  const currencies = [...input.currencies, ...[...found].filter((c) => c && !input.currencies.includes(c)).sort()];
  return [...new Set(currencies)].map((currency) => {
    const rows = input.current.filter((s) => s.key.currency === currency);
    const campaigns = campaignRows(rows, input.names);
    const kpiTotals = campaigns.reduce<Totals>((sum, c) => addTotals(sum, c), ZERO_TOTALS);
    const previousTotals = input.previous
      .filter((s) => s.key.currency === currency)
      .reduce<Totals>((sum, s) => addTotals(sum, s.totals), ZERO_TOTALS);
    const current = kpis(kpiTotals);
    const previous = kpis(previousTotals);
    const pacing = input.pacing.get(currency);
    return {
      currency,
      kpis: current,
      previous,
      delta: kpiDelta(current, previous),
      daily: input.dates.map((date) => ({
        date,
        ...kpis(
          rows
            .filter((s) => s.date === date && s.key.level === 'campaign')
            .reduce<Totals>((sum, s) => addTotals(sum, s.totals), ZERO_TOTALS),
        ),
      })),
      platforms: platformRows(campaigns),
      campaigns,
      ...(pacing ? { pacing: monthPacing({ ...pacing, through: to }) } : {}),
    };
  });
}

interface Summed {
  totals: Totals;
  name: string;
  nameDate: IsoDate;
}

/** Sums one entity's days; its name is the one on its latest day (names change; the latest is what AEs know). */
function addDay(map: Map<string, Summed>, id: string, s: DaySum): void {
  const seen = map.get(id);
  const name = s.key.entityName ?? s.key.entityId ?? '';
  if (!seen) map.set(id, { totals: s.totals, name, nameDate: s.date });
  else {
    seen.totals = addTotals(seen.totals, s.totals);
    if (s.date > seen.nameDate) Object.assign(seen, { name, nameDate: s.date });
  }
}

function campaignRows(rows: DaySum[], names: Map<string, string>): CampaignRow[] {
  const campaigns = new Map<string, Summed>();
  const adSets = new Map<string, Summed & { campaignKey: string }>();
  for (const s of rows) {
    const { platform, accountId, entityId, campaignId } = s.key;
    if (s.key.level === 'campaign') addDay(campaigns, `${platform}|${accountId}|${entityId}`, s);
    else {
      const id = `${platform}|${accountId}|${entityId}`;
      addDay(adSets as Map<string, Summed>, id, s);
      (adSets.get(id) as Summed & { campaignKey: string }).campaignKey = `${platform}|${accountId}|${campaignId}`;
    }
  }
  // An ad set whose campaign has no row in the period still shows, under an empty campaign (adding nothing).
  for (const a of adSets.values())
    if (!campaigns.has(a.campaignKey))
      campaigns.set(a.campaignKey, { totals: ZERO_TOTALS, name: a.campaignKey.split('|')[2] ?? '', nameDate: '' });

  const bySpend = <T extends { spendMicros: bigint; name: string }>(a: T, b: T) =>
    a.spendMicros === b.spendMicros ? a.name.localeCompare(b.name) : a.spendMicros > b.spendMicros ? -1 : 1;
  return [...campaigns.entries()]
    .map(([key, c]): CampaignRow => {
      const [platform, accountId, campaignId] = key.split('|') as [Platform, string, string];
      const own = [...adSets.entries()].filter(([, a]) => a.campaignKey === key);
      return {
        platform,
        accountId,
        campaignId,
        name: names.get(`${platform}|${accountId}|campaign|${campaignId}`) ?? c.name,
        ...kpis(c.totals),
        adSets: own
          .map(
            ([id, a]): AdSetRow => ({
              adSetId: id.split('|')[2] as string,
              name: names.get(`${platform}|${accountId}|adset|${id.split('|')[2]}`) ?? a.name,
              ...kpis(a.totals),
            }),
          )
          .sort(bySpend),
      };
    })
    .sort(bySpend);
}

function platformRows(campaigns: CampaignRow[]): PlatformRow[] {
  const sums = new Map<Platform, Totals>();
  for (const c of campaigns) sums.set(c.platform, addTotals(sums.get(c.platform) ?? ZERO_TOTALS, c));
  return [...sums.entries()]
    .map(([platform, t]) => ({ platform, ...kpis(t) }))
    .sort((a, b) => (a.spendMicros === b.spendMicros ? 0 : a.spendMicros > b.spendMicros ? -1 : 1));
}
