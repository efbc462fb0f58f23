import { randomUUID } from 'node:crypto';
import { MongoBulkWriteError, MongoServerError, type AnyBulkWriteOperation, type Db } from 'mongodb';
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
 * - a rebuild reads the markers, takes a lease on each account-day (a lock document with a unique _id: FerretDB 1.24
 *   has no atomic conditional update, but a unique insert is atomic), reads the rows, writes the digests, then deletes
 *   only the markers that were `written` when it looked: their rows were complete before it read them;
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
 * any a crashed or out-raced writer left, all of one account at once (a page spans days: one markers read, one lease
 * insert, one digest write per round, and one find of rows per day). Returns the account-days still dirty: another
 * rebuild holds them, and looks at the markers again after it lets go.
 */
export async function refreshRollups(
  db: Db,
  accounts: readonly AccountRef[],
  afterBatch?: () => void,
): Promise<AccountDay[]> {
  const left: AccountDay[] = [];
  for (const account of uniqueAccounts(accounts)) left.push(...(await settleAccount(db, account, afterBatch)));
  return left;
}

function rebuildable(marker: DirtyMarker, now: Date): boolean {
  return marker.state === 'written' || now.getTime() - marker.at.getTime() > STALE_WRITING_MS;
}

/** Rounds of rebuilding an account's dirty days until none a rebuild may clear is left, except those held elsewhere. */
async function settleAccount(db: Db, account: AccountRef, afterBatch?: () => void): Promise<AccountDay[]> {
  const busy = new Map<string, AccountDay>();
  for (let round = 0; ; round += 1) {
    // Read before the rows (inside the rebuild): a marker seen `written` here had its rows complete before they are read.
    const markers = await db
      .collection<DirtyMarker>(COLLECTIONS.rollupDirty)
      .find({ platform: account.platform, accountId: account.accountId })
      .toArray();
    const now = new Date();
    const days = uniqueDays(markers.filter((m) => rebuildable(m, now) && !busy.has(accountDayKey(m))));
    if (days.length === 0 || round === MAX_ROUNDS) return [...busy.values(), ...days];
    const result = await rebuildUnderLease(db, days, { snapshot: markers, afterBatch });
    for (const day of result.busy) busy.set(accountDayKey(day), day);
  }
}

function uniqueDays(days: readonly AccountDay[]): AccountDay[] {
  const byKey = new Map(
    days.map((d) => [accountDayKey(d), { platform: d.platform, accountId: d.accountId, date: d.date }]),
  );
  return [...byKey.values()].sort((a, b) => accountDayKey(a).localeCompare(accountDayKey(b)));
}

// ---- rebuilding ----

interface RebuildResult {
  /** Account-days whose digests were rebuilt. */
  rebuilt: AccountDay[];
  /** Account-days another rebuild holds. */
  busy: AccountDay[];
  /** Accounts with rows that day that were not asked for (whole-day reads only): rebuild them on their own. */
  unknown: AccountDay[];
  rows: number;
}

/**
 * Rebuilds the digests of these account-days from the stored rows, each under its lease. `snapshot` holds the
 * markers of those account-days as read before this call: those it saw `written` are cleared once the digests are
 * written. `wholeDay` (every day the same) reads the day's rows of every account in one find, each row decoded once;
 * otherwise one find per account-day.
 */
async function rebuildUnderLease(
  db: Db,
  days: readonly AccountDay[],
  options: { snapshot: readonly DirtyMarker[]; wholeDay?: IsoDate; afterBatch?: () => void },
): Promise<RebuildResult> {
  const token = randomUUID();
  const wanted = uniqueDays(days);
  const leased = await acquireLeases(db, wanted.map(accountDayKey), token);
  const locked = wanted.filter((d) => leased.has(accountDayKey(d)));
  const busy = wanted.filter((d) => !leased.has(accountDayKey(d)));
  if (locked.length === 0 && !options.wholeDay) return { rebuilt: [], busy, unknown: [], rows: 0 };
  try {
    const rowsByDay = new Map<string, StoredRowLike[]>();
    const reads = options.wholeDay
      ? [{ date: options.wholeDay }]
      : locked.map((d) => ({ platform: d.platform, accountId: d.accountId, date: d.date }));
    let rows = 0;
    for (const filter of reads)
      for (const row of await db
        .collection(COLLECTIONS.metricsDaily)
        .find(filter, { projection: ROW_PROJECTION })
        .toArray()) {
        const key = accountDayKey(row as unknown as AccountDay);
        let list = rowsByDay.get(key);
        if (!list) rowsByDay.set(key, (list = []));
        list.push(row);
        rows += 1;
      }
    const asked = new Set(wanted.map(accountDayKey));
    const unknown = uniqueDays(
      [...rowsByDay.entries()].filter(([k]) => !asked.has(k)).map(([, list]) => list[0] as unknown as AccountDay),
    );

    // Still ours? A lease that ran out may have been taken over; writing now could put back older figures.
    const now = Date.now();
    const held = new Set(
      (await db.collection<RollupLock>(COLLECTIONS.rollupLocks).find({ token }).toArray())
        .filter((l) => l.expiresAt.getTime() > now)
        .map((l) => l._id),
    );
    const rebuilt = locked.filter((d) => held.has(accountDayKey(d)));
    // Digests an advertiser may no longer be owed: those a marker names (a row left it), and on whole-day rebuilds
    // every stored one of the day (digests of rows removed behind the code's back).
    const named = new Map<string, Set<string>>();
    const name = (day: AccountDay, advertiserId: string) => {
      const key = accountDayKey(day);
      if (!named.has(key)) named.set(key, new Set());
      named.get(key)?.add(`${key}|${advertiserId}`);
    };
    for (const m of options.snapshot) name(m, m.advertiserId);
    if (options.wholeDay)
      for (const d of await db
        .collection<StoredDigest>(COLLECTIONS.metricsAccountDaily)
        .find({ date: options.wholeDay }, { projection: { platform: 1, accountId: 1, date: 1, advertiserId: 1 } })
        .toArray())
        name(d, d.advertiserId);

    const builtAt = new Date();
    const digestOps: AnyBulkWriteOperation<StoredDigest>[] = [];
    for (const day of rebuilt) {
      const ids = new Set<string>();
      for (const d of digestsOf(day, rowsByDay.get(accountDayKey(day)) ?? [])) {
        const doc = storedDigest(d, builtAt);
        ids.add(doc._id);
        digestOps.push({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } });
      }
      for (const id of named.get(accountDayKey(day)) ?? [])
        if (!ids.has(id)) digestOps.push({ deleteOne: { filter: { _id: id } } });
    }
    await bulkWriteInBatches(
      db.collection<StoredDigest>(COLLECTIONS.metricsAccountDaily),
      digestOps,
      options.afterBatch,
    );
    const rebuiltKeys = new Set(rebuilt.map(accountDayKey));
    const clearedAt = new Date();
    const cleared: AnyBulkWriteOperation<DirtyMarker>[] = options.snapshot
      .filter((m) => rebuiltKeys.has(accountDayKey(m)) && rebuildable(m, clearedAt))
      .map((m) => ({ deleteOne: { filter: { _id: m._id } } }));
    await bulkWriteInBatches(db.collection<DirtyMarker>(COLLECTIONS.rollupDirty), cleared);
    return { rebuilt, busy: [...busy, ...locked.filter((d) => !rebuiltKeys.has(accountDayKey(d)))], unknown, rows };
  } finally {
    if (locked.length > 0)
      await withWriteSlot(() => db.collection<RollupLock>(COLLECTIONS.rollupLocks).deleteMany({ token }));
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

function uniqueAccounts(accounts: readonly AccountRef[]): AccountRef[] {
  const byKey = new Map(accounts.map((a) => [accountKey(a), { platform: a.platform, accountId: a.accountId }]));
  return [...byKey.values()];
}

/**
 * Takes the leases (lock documents `_id` = account-day) it can, in one insert; a lease held past its expiry by a
 * rebuild that died is removed (only that one: another taker may have replaced it meanwhile) and taken again.
 */
async function acquireLeases(db: Db, ids: readonly string[], token: string): Promise<Set<string>> {
  const locks = db.collection<RollupLock>(COLLECTIONS.rollupLocks);
  const lease = (_id: string): RollupLock => ({ _id, token, expiresAt: new Date(Date.now() + LOCK_LEASE_MS) });
  const taken = new Set(ids);
  if (ids.length === 0) return taken;
  try {
    await withWriteSlot(() => locks.insertMany(ids.map(lease), { ordered: false }));
  } catch (err) {
    const writeErrors = (err as MongoBulkWriteError).writeErrors;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (!(err instanceof MongoBulkWriteError) || list.length === 0 || list.some((e) => e.code !== DUPLICATE_KEY))
      throw err;
    for (const e of list) {
      const _id = ids[e.index] as string;
      taken.delete(_id);
      const holder = await locks.findOne({ _id });
      if (holder && holder.expiresAt.getTime() > Date.now()) continue;
      if (holder) await locks.deleteOne({ _id, token: holder.token });
      try {
        await locks.insertOne(lease(_id));
        taken.add(_id);
      } catch (again) {
        if (!(again instanceof MongoServerError) || again.code !== DUPLICATE_KEY) throw again;
      }
    }
  }
  return taken;
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
 * days at a time (a day is a handful of small commands around its one big read). `accounts` are the ones expected
 * (config); accounts found in the rows besides them, and accounts with digests or markers that day, are rebuilt too.
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
      // Markers before the rows (read inside the rebuild), as everywhere.
      const [digests, markers] = await Promise.all([
        db
          .collection<StoredDigest>(COLLECTIONS.metricsAccountDaily)
          .find({ date }, { projection: { platform: 1, accountId: 1 } })
          .toArray(),
        db.collection<DirtyMarker>(COLLECTIONS.rollupDirty).find({ date }).toArray(),
      ]);
      const expected = [...(options.accounts ?? []), ...digests, ...markers].map((a) => ({
        platform: a.platform,
        accountId: a.accountId,
        date,
      }));
      const result = await rebuildUnderLease(db, expected, { snapshot: markers, wholeDay: date });
      // Rows of an account nobody expected were read without its lease: rebuild it on its own (read again).
      for (const day of result.unknown) {
        const snapshot = await db
          .collection<DirtyMarker>(COLLECTIONS.rollupDirty)
          .find({ platform: day.platform, accountId: day.accountId, date })
          .toArray();
        build.busy.push(...(await rebuildUnderLease(db, [day], { snapshot })).busy);
      }
      build.busy.push(...result.busy);
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
