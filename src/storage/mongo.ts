import { MongoClient, type Db } from 'mongodb';
import { ensureFerretdbContainmentIndexes } from './ferretdb-indexes';

/** Collection names in one place (docs/architecture.md, "From a workflow input to metrics_daily"). */
export const COLLECTIONS = {
  rawPulls: 'raw_pulls',
  metricsDaily: 'metrics_daily',
  metricsHistory: 'metrics_history',
  /** Report rollups (src/storage/metrics-rollup.ts): one digest per account, day and advertiser. */
  metricsAccountDaily: 'metrics_account_daily',
  /** Account-days whose rows are being written, or were written and not yet digested. */
  rollupDirty: 'metrics_rollup_dirty',
  /** One lease per account-day being digested. */
  rollupLocks: 'metrics_rollup_locks',
  /** Whether every row of metrics_daily is covered by digests (docs/architecture.md, "Report rollups"). */
  rollupState: 'metrics_rollup_state',
  entities: 'entities',
  pullState: 'pull_state',
  pullCheckpoints: 'pull_checkpoints',
  reports: 'reports',
  budgetPlans: 'budget_plans',
  budgetPlanInputs: 'budget_plan_inputs',
  budgetLedger: 'budget_ledger',
  budgetOutcomes: 'budget_outcomes',
  ruleLevels: 'rule_levels',
  promotionProposals: 'promotion_proposals',
  trackerDaily: 'tracker_daily',
  trackerQuota: 'tracker_quota',
} as const;

export interface Database {
  client: MongoClient;
  db: Db;
}

/**
 * Connects with int64 read back as bigint, so micros never pass through a float. Only features that both MongoDB
 * and FerretDB 1.24 support are used anywhere in src/storage (docs/architecture.md, "Storage subset").
 */
export async function connectDatabase(url: string, dbName = databaseName(url)): Promise<Database> {
  const client = new MongoClient(url, { useBigInt64: true, serverSelectionTimeoutMS: 10_000, appName: 'adops-engine' });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `Cannot reach MongoDB at ${redactUrl(url)}: ${(err as Error).message}. ` +
        'Start the local stack with `bin/adops stack up`, or set MONGO_URL to a reachable server.',
    );
  }
  return { client, db: client.db(dbName) };
}

/** Database name from the URL path, else ADOPS_MONGO_DB, else "adops". */
export function databaseName(url: string): string {
  const fromUrl = new URL(url.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1);
  return fromUrl || process.env.ADOPS_MONGO_DB || 'adops';
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]+)@/, '//***@');
}

/** The metrics_rollup_state document saying digests cover every row of metrics_daily (src/storage/metrics-rollup.ts). */
export const ROLLUP_COVERAGE_ID = 'coverage';

/** Idempotent: safe on every worker start. */
export async function ensureIndexes(db: Db): Promise<void> {
  // A database without metrics_daily yet has no row that was written before report rollups existed: every row it will
  // hold goes through upsertMetricRows, which keeps the digests, so they cover it from the start. An older database
  // is covered once `adops metrics rollup --all` has digested it; until then reports read the rows.
  const fresh = !(await db.listCollections({ name: COLLECTIONS.metricsDaily }, { nameOnly: true }).hasNext());
  if (fresh)
    await db
      .collection(COLLECTIONS.rollupState)
      .updateOne(
        { _id: ROLLUP_COVERAGE_ID as never },
        { $setOnInsert: { complete: true, at: new Date(), by: 'ensureIndexes on a database without metrics_daily' } },
        { upsert: true },
      );
  await db
    .collection(COLLECTIONS.metricsDaily)
    .createIndex({ platform: 1, accountId: 1, level: 1, entityId: 1, date: 1 }, { unique: true, name: 'natural_key' });
  await db.collection(COLLECTIONS.metricsDaily).createIndex({ advertiserId: 1, date: 1 }, { name: 'advertiser_date' });
  // Unsettled rows are the last weeks only: the report's freshness reads them by this pair.
  await db
    .collection(COLLECTIONS.metricsDaily)
    .createIndex({ advertiserId: 1, mature: 1 }, { name: 'advertiser_unsettled' });
  // As-of reads select by equality on platform, account and level (the FerretDB-pushed part), dates in code.
  await db
    .collection(COLLECTIONS.metricsHistory)
    .createIndex({ platform: 1, accountId: 1, level: 1, date: 1 }, { name: 'account_level_date' });
  await db
    .collection(COLLECTIONS.rawPulls)
    .createIndex({ platform: 1, accountId: 1, pulledAt: 1 }, { name: 'account_time' });
  await db.collection(COLLECTIONS.entities).createIndex({ platform: 1, accountId: 1 }, { name: 'account' });
  await db.collection(COLLECTIONS.reports).createIndex({ date: 1, advertiserId: 1 }, { name: 'date_advertiser' });
  await db
    .collection(COLLECTIONS.budgetPlans)
    .createIndex({ advertiserId: 1, createdAt: 1 }, { name: 'advertiser_time' });
  await db.collection(COLLECTIONS.budgetLedger).createIndex({ accountId: 1, status: 1 }, { name: 'account_status' });
  await db.collection(COLLECTIONS.budgetLedger).createIndex({ planId: 1 }, { name: 'plan' });
  await db.collection(COLLECTIONS.budgetPlans).createIndex({ ruleId: 1, ruleVersion: 1 }, { name: 'rule_version' });
  await db.collection(COLLECTIONS.budgetOutcomes).createIndex({ ruleId: 1, ruleVersion: 1 }, { name: 'rule_version' });
  await db.collection(COLLECTIONS.ruleLevels).createIndex({ ruleId: 1, ruleVersion: 1 }, { name: 'rule_version' });
  // `adops rules stats` and `adops rules confirm` read a rule's proposals by equality on its id.
  await db.collection(COLLECTIONS.promotionProposals).createIndex({ ruleId: 1 }, { name: 'rule' });
  // Tracker upserts read what they may overwrite by equality on tracker, app and date (one read per day).
  await db.collection(COLLECTIONS.trackerDaily).createIndex({ tracker: 1, app: 1, date: 1 }, { name: 'app_date' });
  // The quota counts a key's tickets of a day by equality.
  await db.collection(COLLECTIONS.trackerQuota).createIndex({ key: 1, day: 1 }, { name: 'key_day' });
  // Report rollups: digests are read per advertiser and day, and rebuilt per account and day; markers likewise.
  await db
    .collection(COLLECTIONS.metricsAccountDaily)
    .createIndex({ advertiserId: 1, date: 1 }, { name: 'advertiser_date' });
  await db
    .collection(COLLECTIONS.metricsAccountDaily)
    .createIndex({ platform: 1, accountId: 1, date: 1 }, { name: 'account_date' });
  await db
    .collection(COLLECTIONS.rollupDirty)
    .createIndex({ platform: 1, accountId: 1, date: 1 }, { name: 'account_date' });
  await db.collection(COLLECTIONS.rollupDirty).createIndex({ advertiserId: 1 }, { name: 'advertiser' });
  // FerretDB on PostgreSQL cannot use the indexes above for its own equality filters; this adds ones it can.
  await ensureFerretdbContainmentIndexes(db);
}

/** MongoDB's (and FerretDB's) duplicate-key error code. */
export const DUPLICATE_KEY = 11000;
