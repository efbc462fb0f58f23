import { randomUUID } from 'node:crypto';
import { MongoServerError, type AnyBulkWriteOperation, type Db } from 'mongodb';
import type { IsoDate } from '../domain/dates';
import {
  decodeEntries,
  digestsOf,
  encodeEntries,
  type AccountDayDigest,
  type StoredRowLike,
} from '../domain/metrics-digest';
import type { Platform } from '../domain/platforms';
import { bulkWriteInBatches, MAX_INSERTS_PER_COMMAND, withWriteSlot } from './batches';
import { COLLECTIONS, DUPLICATE_KEY, ROLLUP_COVERAGE_ID } from './mongo';

/**
 * Report rollups: metrics_account_daily holds one digest per account, day and advertiser (src/domain/metrics-digest.ts),
 * rebuilt from the stored rows of that account and day whenever they change, so a monthly report reads ~one small
 * document per account and day instead of every row (docs/architecture.md, "Report rollups", has the whole argument).
 *
 * A digest is trusted only while nothing says its rows may have moved since it was built:
 * - before upsertMetricRows changes rows, it inserts a dirty marker per account, day and advertiser concerned
 *   (state `writing`); after the rows are written it sets them `written` and rebuilds those account-days;
 * - a rebuild holds a lease on the account-day (a lock document with a unique _id: FerretDB 1.24 has no atomic
 *   conditional update, but a unique insert is atomic), snapshots the markers, reads the rows, writes the digests,
 *   then deletes only the markers that were `written` when it looked: their rows were complete before it read;
 * - a report reads the markers first and, for any account-day with one, reads that account-day's rows instead.
 * So a crash anywhere leaves a marker (figures come from the rows until a later write or `adops metrics rollup`
 * rebuilds it), a retry rebuilds whatever its account has left `written`, and a restatement rebuilds its day.
 */

export interface AccountRef {
  platform: Platform;
  accountId: string;
}

export interface AccountDay extends AccountRef {
  date: IsoDate;
}

export interface DirtyMarker extends AccountDay {
  _id: string;
  advertiserId: string;
  token: string;
  state: 'writing' | 'written';
  at: Date;
}

interface StoredDigest extends AccountDay {
  _id: string;
  advertiserId: string;
  rows: number;
  unsettledRows: number;
  entries: string;
  builtAt: Date;
}

interface RollupLock {
  _id: string;
  token: string;
  expiresAt: Date;
}

/** A rebuild takes a second or two; a lease this long has surely been abandoned (the holder crashed). */
export const LOCK_LEASE_MS = 10 * 60_000;
/**
 * A `writing` marker this old belongs to a writer that died between its marker and the end of its rows (a page's
 * write takes seconds; a Google page of 10,000 rows about 15 s on FerretDB). Until then its account-day stays dirty:
 * exact, read from the rows. Were such a writer alive after all, it puts its marker back once its rows are written.
 */
export const STALE_WRITING_MS = 60 * 60_000;
/** Rebuild rounds per account-day when writers keep adding markers meanwhile; what is left stays dirty (safe). */
const MAX_ROUNDS = 5;

export const accountDayKey = (d: AccountDay): string => `${d.platform}|${d.accountId}|${d.date}`;
const accountKey = (a: AccountRef): string => `${a.platform}|${a.accountId}`;

/** Row fields a digest needs (FerretDB decodes whole documents anyway; this only trims what crosses the wire). */
const ROW_PROJECTION = Object.fromEntries(
  [
    'platform',
    'accountId',
    'advertiserId',
    'date',
    'level',
    'entityId',
    'entityName',
    'campaignId',
    'currency',
    'spendMicros',
    'impressions',
    'clicks',
    'conversions',
    'conversionValueMicros',
    'mature',
  ].map((f) => [f, 1]),
);

// ---- the write path (upsertMetricRows) ----

export interface PendingChange extends AccountDay {
  /** Owners of the rows before and after the write (a row can move to another advertiser). */
  advertiserIds: ReadonlySet<string>;
}

export function newWriteToken(): string {
  return randomUUID();
}

function markersOf(token: string, changes: Iterable<PendingChange>, state: DirtyMarker['state'], at: Date) {
  const markers: DirtyMarker[] = [];
  for (const c of changes)
    for (const advertiserId of c.advertiserIds)
      markers.push({
        _id: `${accountDayKey(c)}|${advertiserId}|${token}`,
        platform: c.platform,
        accountId: c.accountId,
        date: c.date,
        advertiserId,
        token,
        state,
        at,
      });
  return markers;
}

/** Before any row of these account-days changes: from now on reports read those account-days' rows. */
export async function markDirty(db: Db, token: string, changes: Iterable<PendingChange>): Promise<void> {
  const markers = markersOf(token, changes, 'writing', new Date());
  const collection = db.collection<DirtyMarker>(COLLECTIONS.rollupDirty);
  for (let i = 0; i < markers.length; i += MAX_INSERTS_PER_COMMAND) {
    const batch = markers.slice(i, i + MAX_INSERTS_PER_COMMAND);
    await withWriteSlot(() => collection.insertMany(batch, { ordered: false }));
  }
}

/**
 * After the rows are written: any rebuild may now digest them and clear the markers. Upserts, not updates: a marker
 * a rebuild took for stale meanwhile is put back, so the rows just written are never left without one.
 */
export async function markWritten(db: Db, token: string, changes: Iterable<PendingChange>): Promise<void> {
  const ops: AnyBulkWriteOperation<DirtyMarker>[] = markersOf(token, changes, 'written', new Date()).map((m) => ({
    replaceOne: { filter: { _id: m._id }, replacement: m, upsert: true },
  }));
  await bulkWriteInBatches(db.collection<DirtyMarker>(COLLECTIONS.rollupDirty), ops);
}

/**
 * Rebuilds every account-day of these accounts that a marker says is written but not digested: the writer's own, and
 * any a crashed or out-raced writer left. Returns the account-days still dirty (another rebuild holds them; it looks
 * again after it lets go).
 */
export async function refreshRollups(
  db: Db,
  accounts: readonly AccountRef[],
  afterEach?: () => void,
): Promise<AccountDay[]> {
  const left: AccountDay[] = [];
  const seen = new Set<string>();
  for (const account of accounts) {
    if (seen.has(accountKey(account))) continue;
    seen.add(accountKey(account));
    const markers = await db
      .collection<DirtyMarker>(COLLECTIONS.rollupDirty)
      .find({ platform: account.platform, accountId: account.accountId })
      .toArray();
    const dates = [...new Set(markers.filter((m) => rebuildable(m, new Date())).map((m) => m.date))].sort();
    for (const date of dates) {
      const day = { ...account, date };
      if (!(await settleAccountDay(db, day))) left.push(day);
      afterEach?.();
    }
  }
  return left;
}

function rebuildable(marker: DirtyMarker, now: Date): boolean {
  return marker.state === 'written' || now.getTime() - marker.at.getTime() > STALE_WRITING_MS;
}

/** Rebuilds one account-day until no marker a rebuild may clear is left, or another rebuild holds it (false). */
async function settleAccountDay(db: Db, day: AccountDay): Promise<boolean> {
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const result = await rebuildUnderLease(db, day.date, [day], false);
    if (result.busy.length > 0) return false;
    const markers = await db
      .collection<DirtyMarker>(COLLECTIONS.rollupDirty)
      .find({ platform: day.platform, accountId: day.accountId, date: day.date })
      .toArray();
    if (!markers.some((m) => rebuildable(m, new Date()))) return true;
  }
  return false;
}

// ---- rebuilding ----

interface RebuildResult {
  /** Accounts whose digests of the day were rebuilt. */
  rebuilt: AccountRef[];
  /** Accounts another rebuild holds. */
  busy: AccountRef[];
  /** Accounts with rows that day that were not asked for (whole-day reads only): rebuild them on their own. */
  unknown: AccountRef[];
  rows: number;
}

/**
 * Rebuilds the digests of these accounts on one day from the stored rows, under a lease per account-day. `wholeDay`
 * reads the day's rows of every account in one find (rebuilding many accounts: each row decoded once); otherwise one
 * find per account and day.
 */
async function rebuildUnderLease(
  db: Db,
  date: IsoDate,
  accounts: readonly AccountRef[],
  wholeDay: boolean,
): Promise<RebuildResult> {
  const token = randomUUID();
  const locked: AccountRef[] = [];
  const busy: AccountRef[] = [];
  for (const account of uniqueAccounts(accounts))
    ((await acquireLease(db, lockId({ ...account, date }), token)) ? locked : busy).push(account);
  if (locked.length === 0 && !wholeDay) return { rebuilt: [], busy, unknown: [], rows: 0 };
  try {
    const lockedKeys = new Set(locked.map(accountKey));
    const busyKeys = new Set(busy.map(accountKey));
    // The markers first, then the rows: a marker seen `written` here had its rows complete before they are read.
    const markerFilter = locked.length === 1 && !wholeDay ? { ...locked[0], date } : { date };
    const markers = (await db.collection<DirtyMarker>(COLLECTIONS.rollupDirty).find(markerFilter).toArray()).filter(
      (m) => lockedKeys.has(accountKey(m)),
    );
    const rowsByAccount = new Map<string, StoredRowLike[]>();
    const reads = wholeDay ? [{ date }] : locked.map((a) => ({ platform: a.platform, accountId: a.accountId, date }));
    let rowCount = 0;
    for (const filter of reads) {
      for (const row of await db
        .collection(COLLECTIONS.metricsDaily)
        .find(filter, { projection: ROW_PROJECTION })
        .toArray()) {
        const key = `${String(row.platform)}|${String(row.accountId)}`;
        let list = rowsByAccount.get(key);
        if (!list) rowsByAccount.set(key, (list = []));
        list.push(row);
        rowCount += 1;
      }
    }
    const unknown = [...rowsByAccount.keys()]
      .filter((k) => !lockedKeys.has(k) && !busyKeys.has(k))
      .map((k) => rowsByAccount.get(k)?.[0])
      .map((row) => ({ platform: row?.platform as Platform, accountId: String(row?.accountId) }));

    // Still ours? A lease that ran out may have been taken over; writing now could put back older figures.
    const held = (await Promise.all(locked.map((a) => holdsLease(db, lockId({ ...a, date }), token)))).map((ok, i) =>
      ok ? locked[i] : null,
    );
    const rebuilt = held.filter((a): a is AccountRef => a !== null);
    const existing = await db
      .collection<StoredDigest>(COLLECTIONS.metricsAccountDaily)
      .find(markerFilter, { projection: { _id: 1, platform: 1, accountId: 1 } })
      .toArray();
    const builtAt = new Date();
    const digestOps: AnyBulkWriteOperation<StoredDigest>[] = [];
    for (const account of rebuilt) {
      const day = { ...account, date };
      const digests = digestsOf(day, rowsByAccount.get(accountKey(account)) ?? []);
      const ids = new Set<string>();
      for (const d of digests) {
        const doc = storedDigest(d, builtAt);
        ids.add(doc._id);
        digestOps.push({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } });
      }
      // An advertiser with no row left on this account-day (rows moved, or none at all) keeps no digest.
      for (const old of existing)
        if (accountKey(old) === accountKey(account) && !ids.has(old._id))
          digestOps.push({ deleteOne: { filter: { _id: old._id } } });
    }
    await bulkWriteInBatches(db.collection<StoredDigest>(COLLECTIONS.metricsAccountDaily), digestOps);
    const rebuiltKeys = new Set(rebuilt.map(accountKey));
    const now = new Date();
    const cleared: AnyBulkWriteOperation<DirtyMarker>[] = markers
      .filter((m) => rebuiltKeys.has(accountKey(m)) && rebuildable(m, now))
      .map((m) => ({ deleteOne: { filter: { _id: m._id } } }));
    await bulkWriteInBatches(db.collection<DirtyMarker>(COLLECTIONS.rollupDirty), cleared);
    return {
      rebuilt,
      busy: [...busy, ...locked.filter((a) => !rebuiltKeys.has(accountKey(a)))],
      unknown,
      rows: rowCount,
    };
  } finally {
    for (const account of locked)
      await db.collection<RollupLock>(COLLECTIONS.rollupLocks).deleteOne({ _id: lockId({ ...account, date }), token });
  }
}

function storedDigest(d: AccountDayDigest, builtAt: Date): StoredDigest {
  return {
    _id: `${accountDayKey(d)}|${d.advertiserId}`,
    platform: d.platform,
    accountId: d.accountId,
    advertiserId: d.advertiserId,
    date: d.date,
    rows: d.rows,
    unsettledRows: d.unsettledRows,
    entries: encodeEntries(d.entries),
    builtAt,
  };
}

/** A digest as stored, decoded (the report's read). */
export function decodeStoredDigest(doc: Record<string, unknown>): AccountDayDigest {
  return {
    platform: doc.platform as Platform,
    accountId: String(doc.accountId),
    advertiserId: String(doc.advertiserId),
    date: String(doc.date),
    rows: Number(doc.rows),
    unsettledRows: Number(doc.unsettledRows),
    entries: decodeEntries(String(doc.entries), String(doc._id)),
  };
}

const lockId = (d: AccountDay) => accountDayKey(d);

function uniqueAccounts(accounts: readonly AccountRef[]): AccountRef[] {
  const byKey = new Map(accounts.map((a) => [accountKey(a), { platform: a.platform, accountId: a.accountId }]));
  return [...byKey.values()];
}

async function acquireLease(db: Db, _id: string, token: string): Promise<boolean> {
  const locks = db.collection<RollupLock>(COLLECTIONS.rollupLocks);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await locks.insertOne({ _id, token, expiresAt: new Date(Date.now() + LOCK_LEASE_MS) });
      return true;
    } catch (err) {
      if (!(err instanceof MongoServerError) || err.code !== DUPLICATE_KEY) throw err;
    }
    const holder = await locks.findOne({ _id });
    if (holder && holder.expiresAt.getTime() > Date.now()) return false;
    // Abandoned: remove that lease (only that one: another taker may have replaced it meanwhile), then try again.
    if (holder) await locks.deleteOne({ _id, token: holder.token });
  }
  return false;
}

async function holdsLease(db: Db, _id: string, token: string): Promise<boolean> {
  const lock = await db.collection<RollupLock>(COLLECTIONS.rollupLocks).findOne({ _id });
  return lock?.token === token && lock.expiresAt.getTime() > Date.now();
}

// ---- whole days (adops metrics rollup, bench/report.ts) ----

export interface RollupBuild {
  days: number;
  rows: number;
  /** Account-days another rebuild held: that one covers them. */
  busy: AccountDay[];
}

/**
 * Rebuilds the digests of every account with rows on these days, one find per day (each row decoded once), four
 * days at a time (a day is a score of small commands around its one big read). `accounts` are the ones expected (config); accounts found in the rows besides them, and accounts with
 * digests or markers that day, are rebuilt too.
 */
export async function rebuildRollups(
  db: Db,
  dates: readonly IsoDate[],
  options: { accounts?: readonly AccountRef[]; onDay?: (date: IsoDate, rows: number) => void } = {},
): Promise<RollupBuild> {
  const build: RollupBuild = { days: 0, rows: 0, busy: [] };
  let next = 0;
  const worker = async () => {
    while (next < dates.length) {
      const date = dates[next++] as IsoDate;
      const [digests, markers] = await Promise.all([
        db
          .collection<StoredDigest>(COLLECTIONS.metricsAccountDaily)
          .find({ date }, { projection: { platform: 1, accountId: 1 } })
          .toArray(),
        db.collection<DirtyMarker>(COLLECTIONS.rollupDirty).find({ date }).toArray(),
      ]);
      const expected = [...(options.accounts ?? []), ...digests, ...markers];
      const result = await rebuildUnderLease(db, date, expected, true);
      // Rows of an account nobody expected were read without its lease: rebuild it on its own (read again).
      for (const account of result.unknown)
        if (!(await settleAccountDay(db, { ...account, date }))) build.busy.push({ ...account, date });
      for (const account of result.busy) build.busy.push({ ...account, date });
      build.days += 1;
      build.rows += result.rows;
      options.onDay?.(date, result.rows);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return build;
}

/** Every date with rows (one pass over metrics_daily: FerretDB decodes each row once) or with a digest. */
export async function datesWithRows(db: Db): Promise<IsoDate[]> {
  const [rows, digests] = await Promise.all(
    [COLLECTIONS.metricsDaily, COLLECTIONS.metricsAccountDaily].map((name) =>
      db
        .collection(name)
        .aggregate<{ _id: IsoDate }>([{ $group: { _id: '$date', n: { $sum: 1 } } }])
        .toArray(),
    ),
  );
  return [...new Set([...(rows ?? []), ...(digests ?? [])].map((d) => String(d._id)))].sort();
}

// ---- coverage ----

/** True once digests cover every row (a database created with rollups, or `adops metrics rollup --all` finished). */
export async function rollupsComplete(db: Db): Promise<boolean> {
  const state = await db.collection(COLLECTIONS.rollupState).findOne({ _id: ROLLUP_COVERAGE_ID as never });
  return state?.complete === true;
}

export async function markRollupsComplete(db: Db, by: string): Promise<void> {
  await db
    .collection(COLLECTIONS.rollupState)
    .updateOne(
      { _id: ROLLUP_COVERAGE_ID as never },
      { $set: { complete: true, at: new Date(), by } },
      { upsert: true },
    );
}

/** The advertiser's dirty account-days (the markers collection only ever holds writes in flight or left by a crash). */
export async function dirtyAccountDays(db: Db, advertiserId: string): Promise<Map<string, AccountDay>> {
  const markers = await db.collection<DirtyMarker>(COLLECTIONS.rollupDirty).find({ advertiserId }).toArray();
  return new Map(
    markers.map((m) => [accountDayKey(m), { platform: m.platform, accountId: m.accountId, date: m.date }]),
  );
}

/** One account-day's rows of one advertiser, digested as a rebuild would (the report's read of a dirty account-day). */
export async function digestFromRows(db: Db, advertiserId: string, day: AccountDay): Promise<AccountDayDigest[]> {
  const rows = await db
    .collection(COLLECTIONS.metricsDaily)
    .find(
      { advertiserId, date: day.date, platform: day.platform, accountId: day.accountId },
      { projection: ROW_PROJECTION },
    )
    .toArray();
  return digestsOf(day, rows);
}
