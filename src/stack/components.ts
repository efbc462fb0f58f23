import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { SEARCH_ATTRIBUTE_CLI_TYPES } from '../domain/search-attributes';
import { LOCAL_TEMPORAL_PORT } from '../temporal/connection';
import { ensureFerretdbBinary, ensureTemporalBinary } from './binaries';
import { dataDir, projectRoot } from './paths';
import { isAlive, isPortOpen, spawnDetached, waitFor, which } from './procs';
import { readStackState, updateComponent, type ComponentName, type ComponentRecord } from './state';

type Progress = (message: string) => void;

export const LOCAL_MONGO_PORT = Number(process.env.ADOPS_MONGO_PORT ?? 27017);
export const SANDBOX_PORT = Number(process.env.ADOPS_SANDBOX_PORT ?? 4010);
const logFile = (name: string) => path.join(dataDir(), 'logs', `${name}.log`);

export async function temporalHealthy(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    await connection.workflowService.getSystemInfo({});
    return true;
  } finally {
    await connection.close();
  }
}

export async function mongoHealthy(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1500 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } finally {
    await client.close();
  }
}

export async function sandboxHealthy(url: string): Promise<boolean> {
  const response = await fetch(`${url}/_sandbox/health`, { signal: AbortSignal.timeout(1500) });
  return response.ok;
}

/** Reuses a running component this project started; refuses to start on a port something else holds. */
async function reuseOrCheckPort(
  name: ComponentName,
  port: number,
  healthy: (r: ComponentRecord) => Promise<boolean>,
  envHint: string,
): Promise<ComponentRecord | null> {
  const existing = readStackState()[name];
  if (existing && isAlive(existing.pid) && (await healthy(existing).catch(() => false))) return existing;
  if (existing) updateComponent(name, undefined);
  if (await isPortOpen(port)) {
    throw new Error(
      `Port ${port} (for ${name}) is already in use by a process this project did not start. Stop that process, or ${envHint}.`,
    );
  }
  return null;
}

export async function startTemporal(progress: Progress): Promise<ComponentRecord> {
  const port = LOCAL_TEMPORAL_PORT;
  const reused = await reuseOrCheckPort(
    'temporal',
    port,
    (r) => temporalHealthy(r.address),
    `set TEMPORAL_ADDRESS=127.0.0.1:${port} to use it as an existing server, or ADOPS_TEMPORAL_PORT to pick another port`,
  );
  if (reused) return reused;
  const binary = await ensureTemporalBinary(progress);
  const dir = path.join(dataDir(), 'temporal');
  mkdirSync(dir, { recursive: true });
  const uiPort = port + 1000;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--http-port',
    String(port + 10),
    '--metrics-port',
    String(port + 20),
    '--db-filename',
    path.join(dir, 'temporal.db'),
    '--log-level',
    'warn',
    ...Object.entries(SEARCH_ATTRIBUTE_CLI_TYPES).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
  ];
  progress(`starting Temporal dev server on 127.0.0.1:${port} (UI :${uiPort})`);
  const pid = spawnDetached(binary, args, { logFile: logFile('temporal') });
  const address = `127.0.0.1:${port}`;
  await waitFor('Temporal dev server', () => temporalHealthy(address), 90_000, logFile('temporal'));
  const record = {
    pid,
    address,
    ui: `http://127.0.0.1:${uiPort}`,
    detail: `temporal CLI dev server (${binary}), SQLite ${path.join(dir, 'temporal.db')}`,
    startedAt: new Date().toISOString(),
  };
  updateComponent('temporal', record);
  return record;
}

export async function startMongo(progress: Progress): Promise<ComponentRecord> {
  const port = LOCAL_MONGO_PORT;
  const url = `mongodb://127.0.0.1:${port}/`;
  const reused = await reuseOrCheckPort(
    'mongo',
    port,
    (r) => mongoHealthy(r.address),
    `set MONGO_URL=mongodb://127.0.0.1:${port}/ to use it, or ADOPS_MONGO_PORT to pick another port`,
  );
  if (reused) return reused;
  const mongod = which('mongod');
  let pid: number;
  let detail: string;
  if (mongod) {
    const dbPath = path.join(dataDir(), 'mongod');
    mkdirSync(dbPath, { recursive: true });
    progress(`starting mongod on ${url}`);
    pid = spawnDetached(mongod, ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'], {
      logFile: logFile('mongo'),
    });
    detail = `mongod (${mongod}), data ${dbPath}`;
  } else {
    const binary = await ensureFerretdbBinary(progress);
    const backend = await ferretBackend();
    progress(`starting FerretDB on ${url} (${backend.description})`);
    const stateDir = path.join(dataDir(), 'ferretdb');
    mkdirSync(stateDir, { recursive: true });
    pid = spawnDetached(
      binary,
      [
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${stateDir}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
        ...backend.args,
      ],
      { logFile: logFile('mongo') },
    );
    detail = `FerretDB 1.24.2 (${binary}) on ${backend.description}`;
  }
  await waitFor('MongoDB-compatible database', () => mongoHealthy(url), 60_000, logFile('mongo'));
  const record = { pid, address: url, detail, startedAt: new Date().toISOString() };
  updateComponent('mongo', record);
  return record;
}

/**
 * FerretDB's PostgreSQL backend on the local server (creating its database), else its SQLite backend. The choice is
 * kept in the data dir and reused on every later start: switching backends between two starts (PostgreSQL was slow
 * to answer once) would silently show an empty database, which a chaos run caught as lost rows.
 */
async function ferretBackend(): Promise<{ args: string[]; description: string }> {
  const pgUrl = process.env.ADOPS_FERRETDB_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // A second stack on this machine (parallel test runs, another clone) needs its own database as well as its own ports.
  const database = process.env.ADOPS_FERRETDB_DATABASE ?? 'adops_ferretdb';
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new Error(`ADOPS_FERRETDB_DATABASE="${database}" must be a lower-case PostgreSQL identifier (a-z, 0-9, _)`);
  }
  const choiceFile = path.join(dataDir(), 'ferretdb', 'backend.json');
  const previous = readBackendChoice(choiceFile);
  const sqliteDir = path.join(dataDir(), 'ferretdb-sqlite');
  const sqlite = (why: string) => {
    mkdirSync(sqliteDir, { recursive: true });
    writeBackendChoice(choiceFile, 'sqlite');
    return {
      args: ['--handler=sqlite', `--sqlite-url=file:${sqliteDir}/`],
      description: `SQLite in ${sqliteDir} (${why})`,
    };
  };
  if (previous === 'sqlite') return sqlite(`as before; remove ${choiceFile} to try PostgreSQL again`);
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
    // FerretDB prepares statements with the field name as a parameter; a generic plan of those can never use an
    // index, so every query would scan its table (src/storage/ferretdb-indexes.ts). New sessions plan per query.
    await client.query(`ALTER DATABASE ${database} SET plan_cache_mode = force_custom_plan`);
    const target = new URL(pgUrl);
    target.pathname = `/${database}`;
    writeBackendChoice(choiceFile, 'postgresql');
    return {
      args: ['--handler=postgresql', `--postgresql-url=${target.toString()}`],
      description: `PostgreSQL ${target.host}/${database}`,
    };
  } catch (err) {
    if (previous === 'postgresql') {
      throw new Error(
        `FerretDB keeps this stack's data in PostgreSQL (${pgUrl}), which cannot be reached now: ${(err as Error).message}. ` +
          `Start PostgreSQL and run the command again, or remove ${choiceFile} to start over on SQLite.`,
      );
    }
    return sqlite(`no PostgreSQL at ${pgUrl}: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function readBackendChoice(file: string): 'postgresql' | 'sqlite' | undefined {
  try {
    const { handler } = JSON.parse(readFileSync(file, 'utf8')) as { handler?: unknown };
    return handler === 'postgresql' || handler === 'sqlite' ? handler : undefined;
  } catch {
    return undefined;
  }
}

function writeBackendChoice(file: string, handler: 'postgresql' | 'sqlite'): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ handler })}\n`);
}

export async function startSandboxProcess(progress: Progress): Promise<ComponentRecord> {
  const port = SANDBOX_PORT;
  const reused = await reuseOrCheckPort(
    'sandbox',
    port,
    (r) => sandboxHealthy(r.address),
    'set ADOPS_SANDBOX_PORT to pick another port',
  );
  if (reused) return reused;
  progress(`starting the sandbox ad platforms on http://127.0.0.1:${port}`);
  // `node --import tsx` (not the tsx CLI, which forks a second process) so the recorded pid is the server itself.
  const pid = spawnDetached(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot(), 'src', 'sandbox', 'main.ts')],
    {
      cwd: projectRoot(),
      logFile: logFile('sandbox'),
      env: { ADOPS_SANDBOX_PORT: String(port) },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor('sandbox', () => sandboxHealthy(url), 30_000, logFile('sandbox'));
  const record = {
    pid,
    address: url,
    detail: 'sandbox ad platforms (config/sandbox.yaml)',
    startedAt: new Date().toISOString(),
  };
  updateComponent('sandbox', record);
  return record;
}
