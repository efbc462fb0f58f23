import type { Db } from 'mongodb';
import type { IsoDate } from '../domain/dates';
import type { EntityLevel } from '../domain/metrics';
import type { Platform } from '../domain/platforms';
import type { Totals } from '../reports/model';
import type { LedgerEntry } from './budget-store';
import type { PlanRecord } from '../domain/rebalance/plan-record';
import type { AccountDayDigest, DigestEntry } from '../domain/metrics-digest';
import { addTotals } from '../domain/report-math';
import { accountDayKey, decodeStoredDigest, digestFromRows, dirtyAccountDays, rollupsComplete } from './metrics-rollup';
import { COLLECTIONS } from './mongo';

/**
 * The report's reads, shaped by FerretDB 1.24 (docs/architecture.md, "Storage subset"), measured in bench/report.ts:
 * - only equality filters are pushed down to PostgreSQL (`date: {$in}` or a range makes FerretDB decode the whole
 *   collection), so every read matches ONE day by equality and days are added up here (integers only: bigint micros,
 *   counts); with the GIN indexes of src/storage/ferretdb-indexes.ts PostgreSQL then reads only that day's rows;
 * - FerretDB decodes a pipeline's rows again for every pipeline, and computes only the first accumulator of a
 *   `$group`, so one pipeline per summed field. Sums that shrink the data (a day's campaign rows into one total per
 *   currency) are `$match` + `$group` + `$sum` in the database (sumPerDay). The per-entity breakdown is not: a day has
 *   one row per entity (the natural key), so a pipeline grouping by entity returns as many documents as it reads, five
 *   times over; entityDays reads each of those rows once instead, and the period's sums per entity are added in
 *   src/reports/report-sections.ts. On MongoDB one `$group` could carry all five sums.
 * - `$lookup` does not exist, so ledger entries and plans are two reads joined in src/reports/report-actions.ts.
 *
 * Even so a month of 1M stored rows took minutes (85k rows decoded at ~350 µs each). So entityDays, sumPerDay and
 * unsettledDays read the digests of src/storage/metrics-rollup.ts instead (one small document per account and day,
 * the same figures), and the rows only where no digest can be trusted: an account-day a write has marked dirty, or a
 * database whose older rows were never digested (then everything is read from the rows, as below).
 */

/** Row fields summed by the report, by their name in the model (Totals) → in metrics_daily (MetricRow). */
const SUMMED: Record<keyof Totals, string> = {
  spendMicros: 'spendMicros',
  impressions: 'impressions',
  clicks: 'clicks',
  conversions: 'conversions',
  revenueMicros: 'conversionValueMicros',
};
const MONEY: ReadonlySet<keyof Totals> = new Set(['spendMicros', 'revenueMicros']);

/** metrics_daily fields a sum can be grouped by. */
export type GroupField = 'level' | 'platform' | 'accountId' | 'campaignId' | 'entityId' | 'entityName' | 'currency';

export interface DaySum {
  date: IsoDate;
  /** The group's values; absent fields (campaignId on a campaign row) are undefined. */
  key: Partial<Record<GroupField, string>>;
  totals: Totals;
}

export interface SumQuery {
  advertiserId: string;
  dates: IsoDate[];
  level?: EntityLevel;
  groupBy: readonly GroupField[];
  /** Default: all five; pacing needs spend only. */
  fields?: ReadonlyArray<keyof Totals>;
}

/** Pipelines in flight at once: FerretDB answers each with a PostgreSQL scan; more than a few only queue up. */
const CONCURRENCY = 4;

/** Fields that identify one row's entity, for entityDays' DaySum keys. */
const ENTITY_KEY: readonly GroupField[] = [
  'level',
  'platform',
  'accountId',
  'campaignId',
  'entityId',
  'entityName',
  'currency',
];

/**
 * Every row of the advertiser on these days (both levels), as one DaySum each keyed by all of ENTITY_KEY: the
 * natural key makes a row the only one of its entity and day, so its figures are that group's sums.
 */
export async function entityDays(db: Db, advertiserId: string, dates: IsoDate[]): Promise<DaySum[]> {
  const digests = await advertiserDigests(db, advertiserId, dates);
  if (!digests) return entityDaysFromRows(db, advertiserId, dates);
  return digests.flatMap((d) => d.entries.map((e) => entryDaySum(d, e)));
}

function entryDaySum(d: AccountDayDigest, e: DigestEntry): DaySum {
  const key: DaySum['key'] = { level: e.level, platform: d.platform, accountId: d.accountId };
  if (e.campaignId !== undefined) key.campaignId = e.campaignId;
  key.entityId = e.entityId;
  if (e.entityName !== undefined) key.entityName = e.entityName;
  key.currency = e.currency;
  const totals: Totals = {
    spendMicros: e.spendMicros,
    impressions: e.impressions,
    clicks: e.clicks,
    conversions: e.conversions,
    revenueMicros: e.conversionValueMicros,
  };
  return { date: d.date, key, totals };
}

async function entityDaysFromRows(db: Db, advertiserId: string, dates: IsoDate[]): Promise<DaySum[]> {
  const projection = Object.fromEntries([...ENTITY_KEY, 'date', ...Object.values(SUMMED)].map((f) => [f, 1]));
  const perDay = await mapLimit(dates, CONCURRENCY, (date) =>
    db.collection(COLLECTIONS.metricsDaily).find({ advertiserId, date }, { projection }).toArray(),
  );
  return perDay.flat().map((row): DaySum => {
    const key: DaySum['key'] = {};
    for (const g of ENTITY_KEY) if (row[g] !== undefined && row[g] !== null) key[g] = String(row[g]);
    const totals = zero();
    for (const field of Object.keys(SUMMED) as Array<keyof Totals>) setField(totals, field, row[SUMMED[field]]);
    return { date: row.date as IsoDate, key, totals };
  });
}

/** Per day and group, the sums of the asked fields (the others 0). Groups with no rows that day are absent. */
export async function sumPerDay(db: Db, query: SumQuery): Promise<DaySum[]> {
  const fields = query.fields ?? (Object.keys(SUMMED) as Array<keyof Totals>);
  const digests = await advertiserDigests(db, query.advertiserId, query.dates);
  if (!digests) return sumPerDayFromRows(db, query, fields);
  // The same groups the pipelines below make, added up here from the digests' entries.
  const byGroup = new Map<string, DaySum>();
  for (const d of digests)
    for (const e of d.entries) {
      if (query.level && e.level !== query.level) continue;
      const entry = entryDaySum(d, e);
      const key: DaySum['key'] = {};
      for (const g of query.groupBy) if (entry.key[g] !== undefined) key[g] = entry.key[g];
      const id = `${d.date}\u0000${query.groupBy.map((g) => key[g] ?? '').join('\u0000')}`;
      let sum = byGroup.get(id);
      if (!sum) byGroup.set(id, (sum = { date: d.date, key, totals: zero() }));
      const asked: Totals = Object.assign(zero(), Object.fromEntries(fields.map((f) => [f, entry.totals[f]])));
      sum.totals = addTotals(sum.totals, asked);
    }
  return [...byGroup.values()];
}

async function sumPerDayFromRows(db: Db, query: SumQuery, fields: ReadonlyArray<keyof Totals>): Promise<DaySum[]> {
  const tasks = query.dates.flatMap((date) => fields.map((field) => ({ date, field })));
  const results = await mapLimit(tasks, CONCURRENCY, async ({ date, field }) => {
    const match: Record<string, unknown> = { advertiserId: query.advertiserId, date };
    if (query.level) match.level = query.level;
    const groupId = Object.fromEntries(query.groupBy.map((g) => [g, `$${g}`]));
    const docs = await db
      .collection(COLLECTIONS.metricsDaily)
      .aggregate<{ _id: Record<string, unknown>; v: unknown }>([
        { $match: match },
        { $group: { _id: groupId, v: { $sum: `$${SUMMED[field]}` } } },
      ])
      .toArray();
    return { date, field, docs };
  });

  const byGroup = new Map<string, DaySum>();
  for (const { date, field, docs } of results) {
    for (const doc of docs) {
      const key: DaySum['key'] = {};
      for (const g of query.groupBy) {
        const value = doc._id?.[g];
        // Missing and null both mean "no such field" (MongoDB gives null, FerretDB leaves the key out).
        if (value !== undefined && value !== null) key[g] = String(value);
      }
      const id = `${date}\u0000${query.groupBy.map((g) => key[g] ?? '').join('\u0000')}`;
      let sum = byGroup.get(id);
      if (!sum) byGroup.set(id, (sum = { date, key, totals: zero() }));
      setField(sum.totals, field, doc.v);
    }
  }
  return [...byGroup.values()];
}

function zero(): Totals {
  return { spendMicros: 0n, impressions: 0, clicks: 0, conversions: 0, revenueMicros: 0n };
}

/** `$sum` answers int32, int64 (bigint with useBigInt64) or double depending on the values; money must stay exact. */
function setField(totals: Totals, field: keyof Totals, value: unknown): void {
  if (MONEY.has(field)) {
    const micros =
      typeof value === 'bigint'
        ? value
        : typeof value === 'number' && Number.isSafeInteger(value)
          ? BigInt(value)
          : null;
    if (micros === null) throw new Error(`${SUMMED[field]}: the database summed to ${String(value)}, not whole micros`);
    (totals as unknown as Record<string, bigint>)[field] = micros;
  } else {
    (totals as unknown as Record<string, number>)[field] = Number(value ?? 0);
  }
}

/**
 * The advertiser's digests of these days (one per account with rows), or null while digests do not cover every row of
 * the database (then the caller reads the rows). Markers are read before the digests: an account-day marked dirty is
 * read from its rows instead, so a figure never comes from a digest its rows may have moved away from.
 */
async function advertiserDigests(db: Db, advertiserId: string, dates: IsoDate[]): Promise<AccountDayDigest[] | null> {
  if (!(await rollupsComplete(db))) return null;
  const dirty = await dirtyAccountDays(db, advertiserId);
  const perDay = await mapLimit(dates, CONCURRENCY, async (date) => {
    const docs = await db.collection(COLLECTIONS.metricsAccountDaily).find({ advertiserId, date }).toArray();
    const digests = docs.filter((doc) => !dirty.has(accountDayKey(doc as never))).map((doc) => decodeStoredDigest(doc));
    for (const day of dirty.values())
      if (day.date === date) digests.push(...(await digestFromRows(db, advertiserId, day)));
    return digests;
  });
  return perDay.flat();
}

async function mapLimit<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Days with rows not settled yet (mature: false), per account. Matches on advertiser and `mature` only (equalities
 * FerretDB pushes down): unsettled rows are the last few weeks at most, so this reads few rows whatever the period;
 * the period's days are picked here. Counted with `{ $sum: 1 }` (FerretDB answers 0 to `$count`).
 */
export async function unsettledDays(
  db: Db,
  advertiserId: string,
  dates: IsoDate[],
): Promise<Array<{ platform: Platform; accountId: string; date: IsoDate }>> {
  const digests = await advertiserDigests(db, advertiserId, dates);
  if (digests)
    return digests
      .filter((d) => d.unsettledRows > 0)
      .map((d) => ({ platform: d.platform, accountId: d.accountId, date: d.date }));
  const wanted = new Set(dates);
  const docs = await db
    .collection(COLLECTIONS.metricsDaily)
    .aggregate<{ _id: { platform: Platform; accountId: string; date: IsoDate } }>([
      { $match: { advertiserId, mature: false } },
      { $group: { _id: { platform: '$platform', accountId: '$accountId', date: '$date' }, n: { $sum: 1 } } },
    ])
    .toArray();
  return docs.map((d) => d._id).filter((k) => wanted.has(k.date));
}

export interface PullStateRow {
  platform: Platform;
  accountId: string;
  lastPulledAt: Date | null;
  pulledThrough: IsoDate | null;
}

/** pull_state of these accounts (one small document per account, read whole: the collection is tiny). */
export async function pullStates(db: Db, accounts: Array<{ platform: Platform; accountId: string }>) {
  const wanted = new Set(accounts.map((a) => `${a.platform}|${a.accountId}`));
  const docs = await db.collection(COLLECTIONS.pullState).find({}).toArray();
  return docs
    .filter((d) => wanted.has(String(d._id)))
    .map((d): PullStateRow => ({
      platform: d.platform as Platform,
      accountId: d.accountId as string,
      lastPulledAt: d.lastPulledAt instanceof Date ? d.lastPulledAt : null,
      pulledThrough: typeof d.pulledThrough === 'string' ? d.pulledThrough : null,
    }));
}

/** Current names of the advertiser's campaigns and ad sets (entities), keyed platform|accountId|level|entityId. */
export async function entityNames(db: Db, advertiserId: string): Promise<Map<string, string>> {
  const docs = await db
    .collection(COLLECTIONS.entities)
    .find({ advertiserId }, { projection: { name: 1 } })
    .toArray();
  return new Map(docs.map((d) => [String(d._id), String(d.name)]));
}

/**
 * Ledger entries of these accounts, read per account by equality (pushed down on FerretDB, unlike `accountId: {$in}`);
 * the caller keeps those in its period (times compared in TypeScript: ranges are not pushed down either).
 */
export async function ledgerOfAccounts(
  db: Db,
  accounts: Array<{ platform: Platform; accountId: string }>,
): Promise<LedgerEntry[]> {
  const perAccount = await Promise.all(
    accounts.map((a) =>
      db.collection(COLLECTIONS.budgetLedger).find({ accountId: a.accountId, platform: a.platform }).toArray(),
    ),
  );
  return perAccount.flat().map(({ _id, ...entry }) => entry as unknown as LedgerEntry);
}

/** The plans with these ids, one `_id` equality read each (no `$lookup` to join them to the ledger). */
export async function plansById(db: Db, planIds: string[]): Promise<Map<string, PlanRecord>> {
  const docs = await Promise.all(
    [...new Set(planIds)].map((id) => db.collection(COLLECTIONS.budgetPlans).findOne({ _id: id as never })),
  );
  const plans = new Map<string, PlanRecord>();
  for (const doc of docs) {
    if (!doc) continue;
    const { _id, ...plan } = doc;
    plans.set(String(_id), plan as unknown as PlanRecord);
  }
  return plans;
}
