import type { Db } from 'mongodb';
import pg from 'pg';

/**
 * FerretDB 1.24 on PostgreSQL turns an equality filter into `_jsonb->'field' @> '"value"'`, but builds every index an
 * app asks for as a btree on `_jsonb->'field'`, which cannot answer `@>`: every find, `_id` lookup and upsert scans
 * the whole table (a one-day report read of 100k rows: 740 ms, of which 0.5 ms with a usable index). This adds, for
 * each field of the indexes the app declared (and `_id`), a GIN index on the same expression, which PostgreSQL does
 * use for `@>` (EXPLAIN shows a Bitmap Index Scan). Nothing changes for MongoDB, or for FerretDB on another backend:
 * this only acts when the database's schema and FerretDB's metadata table are found on the PostgreSQL it names.
 *
 * FerretDB also prepares its statements with the field name as a parameter (`_jsonb->$1 @> $2`); a generic plan
 * cannot match an expression index, so the stack sets `plan_cache_mode = force_custom_plan` on its PostgreSQL
 * database (src/stack/components.ts) and this checks it.
 */

/**
 * Fields with a handful of values (five platforms, three trackers, two levels, an agency's few advertisers): an index
 * on them only hurts. Until PostgreSQL has statistics on a new expression it guesses, and ANDs every usable index: on 1M rows of
 * one advertiser that read the whole advertiserId posting list (868 ms) to find one day's 2,736 rows.
 */
const NOT_SELECTIVE = new Set(['platform', 'level', 'advertiserId', 'tracker']);

export function ferretdbPostgresUrl(): { url: string; database: string } {
  const base = process.env.ADOPS_FERRETDB_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = process.env.ADOPS_FERRETDB_DATABASE ?? 'adops_ferretdb';
  const url = new URL(base);
  url.pathname = `/${database}`;
  return { url: url.toString(), database };
}

interface CollectionMetadata {
  _id: string;
  table: string;
  indexes?: Array<{ key: Record<string, unknown> }>;
}

export interface ContainmentIndexes {
  /** GIN indexes created by this call (0 when they all existed). */
  added: number;
  /** PostgreSQL's plan_cache_mode for new sessions: `force_custom_plan` unless the stack was started before it set it. */
  planCacheMode: string;
}

/** Idempotent; a no-op (null) unless `db` is FerretDB keeping this database in the PostgreSQL above. */
export async function ensureFerretdbContainmentIndexes(db: Db): Promise<ContainmentIndexes | null> {
  const info = await db.admin().command({ buildInfo: 1 });
  if (typeof info.ferretdbVersion !== 'string') return null;
  const { url } = ferretdbPostgresUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch {
    return null; // FerretDB on SQLite, or on a PostgreSQL this process does not know: nothing to do here
  }
  try {
    const schema = db.databaseName;
    const found = await client.query<{ ok: boolean }>(
      `SELECT to_regclass(format('%I._ferretdb_database_metadata', $1::text)) IS NOT NULL AS ok`,
      [schema],
    );
    if (!found.rows[0]?.ok) return null;
    const metadata = await client.query<{ doc: CollectionMetadata }>(
      `SELECT _jsonb AS doc FROM ${ident(schema)}._ferretdb_database_metadata`,
    );
    let added = 0;
    for (const { doc } of metadata.rows) {
      const fields = new Set(['_id', ...(doc.indexes ?? []).flatMap((i) => Object.keys(i.key))]);
      const tableCreated: string[] = [];
      for (const field of fields) {
        if (NOT_SELECTIVE.has(field) || field.includes('.')) continue;
        const name = indexName(doc.table, field);
        const exists = await client.query('SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = $2', [
          schema,
          name,
        ]);
        if (exists.rowCount) continue;
        // fastupdate off: GIN's pending list is searched linearly until a vacuum merges it, which after a bulk load
        // of 1M rows made a one-day index scan take 109 ms instead of 0.4 ms.
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${ident(name)} ON ${ident(schema)}.${ident(doc.table)} ` +
            `USING gin ((_jsonb -> ${literal(field)})) WITH (fastupdate = off)`,
        );
        tableCreated.push(field);
      }
      // Statistics on the new expressions let the planner pick the selective index (date) over an unselective one.
      if (tableCreated.length > 0) await client.query(`ANALYZE ${ident(schema)}.${ident(doc.table)}`);
      added += tableCreated.length;
    }
    const mode = await client.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
    return { added, planCacheMode: mode.rows[0]?.plan_cache_mode ?? 'unknown' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PostgreSQL names are at most 63 bytes: the table name (FerretDB's, itself ≤ 63) cut, plus a hash of the field. */
export function indexName(table: string, field: string): string {
  let hash = 2166136261;
  for (const ch of `${table}.${field}`) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `${table.slice(0, 40)}_gin_${hash.toString(16).padStart(8, '0')}`;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
