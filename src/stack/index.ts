import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_CLI_TYPES } from '../domain/search-attributes';
import { baseUrlEnvVar, PLATFORMS } from '../domain/platforms';
import { trackerBaseUrlEnvVar, TRACKERS } from '../domain/trackers';
import { redactUrl } from '../storage/mongo';
import { connectClient, temporalTarget } from '../temporal/connection';
import {
  mongoHealthy,
  sandboxHealthy,
  startMongo,
  startSandboxProcess,
  startTemporal,
  temporalHealthy,
} from './components';
import { projectRoot } from './paths';
import { withStackLock } from './lock';
import { isAlive, stopProcess } from './procs';
import { readStackState, updateComponent, type ComponentName } from './state';

export interface StackInfo {
  temporal: { address: string; namespace: string; ui: string | null; external: boolean };
  mongo: { url: string; external: boolean };
  sandbox: { url: string } | null;
}

export interface StackUpOptions {
  sandbox?: boolean;
  progress?: (message: string) => void;
}

/** Starts what is missing (never twice), using TEMPORAL_ADDRESS / MONGO_URL when they are set. */
export async function stackUp(options: StackUpOptions = {}): Promise<StackInfo> {
  return withStackLock(() => stackUpLocked(options));
}

async function stackUpLocked(options: StackUpOptions): Promise<StackInfo> {
  const progress = options.progress ?? ((m: string) => console.error(`[stack] ${m}`));
  const target = temporalTarget();
  const [temporalRecord, mongoRecord] = await Promise.all([
    target.external ? Promise.resolve(null) : startTemporal(progress),
    process.env.MONGO_URL ? Promise.resolve(null) : startMongo(progress),
  ]);
  if (target.external) await ensureSearchAttributes(target.namespace);
  const sandboxRecord = options.sandbox === false ? null : await startSandboxProcess(progress);
  return {
    temporal: {
      address: target.address,
      namespace: target.namespace,
      ui: temporalRecord?.ui ?? null,
      external: target.external,
    },
    mongo: { url: process.env.MONGO_URL ?? (mongoRecord?.address as string), external: Boolean(process.env.MONGO_URL) },
    sandbox: sandboxRecord ? { url: sandboxRecord.address } : null,
  };
}

/** Stops what this project started (per .data/stack.json) and nothing else. */
export async function stackDown(
  names: ComponentName[] = ['sandbox', 'mongo', 'temporal'],
  progress = (m: string) => console.error(`[stack] ${m}`),
): Promise<void> {
  await withStackLock(() => stopComponents(names, progress));
}

async function stopComponents(names: ComponentName[], progress: (m: string) => void): Promise<void> {
  const state = readStackState();
  for (const name of names) {
    const record = state[name];
    if (!record) continue;
    if (isAlive(record.pid)) {
      progress(`stopping ${name} (pid ${record.pid})`);
      await stopProcess(record.pid);
    }
    updateComponent(name, undefined);
  }
}

export interface ComponentStatus {
  name: string;
  address: string;
  healthy: boolean;
  managedBy: 'adops' | 'external' | 'not running';
  detail: string;
}

export async function stackStatus(): Promise<ComponentStatus[]> {
  const state = readStackState();
  const target = temporalTarget();
  const check = async (f: () => Promise<boolean>) => f().catch(() => false);
  const rows: ComponentStatus[] = [];
  rows.push({
    name: 'temporal',
    address: target.external ? target.address : (state.temporal?.address ?? target.address),
    healthy: await check(() => temporalHealthy(target.address)),
    managedBy: target.external ? 'external' : state.temporal ? 'adops' : 'not running',
    detail: target.external
      ? 'TEMPORAL_ADDRESS / temporal.toml'
      : `${state.temporal?.detail ?? ''}${state.temporal?.ui ? `; Web UI ${state.temporal.ui}` : ''}`,
  });
  const mongoUrl = process.env.MONGO_URL ?? state.mongo?.address;
  rows.push({
    name: 'mongo',
    address: mongoUrl ? redactUrl(mongoUrl) : '-',
    healthy: mongoUrl ? await check(() => mongoHealthy(mongoUrl)) : false,
    managedBy: process.env.MONGO_URL ? 'external' : state.mongo ? 'adops' : 'not running',
    detail: process.env.MONGO_URL ? 'MONGO_URL' : (state.mongo?.detail ?? ''),
  });
  rows.push({
    name: 'sandbox',
    address: state.sandbox?.address ?? '-',
    healthy: state.sandbox ? await check(() => sandboxHealthy(state.sandbox!.address)) : false,
    managedBy: state.sandbox ? 'adops' : 'not running',
    detail: state.sandbox?.detail ?? '',
  });
  return rows;
}

/**
 * Environment for workers talking to this stack: the database URL, sandbox base URLs for platforms and trackers
 * whose ADOPS_<PLATFORM>_BASE_URL / ADOPS_<TRACKER>_BASE_URL is not set, and sandbox tokens (config/sandbox.env) for credentials not already set.
 */
export function stackEnvironment(info: StackInfo, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const result: Record<string, string> = { MONGO_URL: env.MONGO_URL ?? info.mongo.url };
  if (info.sandbox) {
    for (const platform of PLATFORMS) {
      const name = baseUrlEnvVar(platform);
      if (!env[name]) result[name] = `${info.sandbox.url}/${platform}`;
    }
    // The same sandbox process serves the trackers under their own prefixes.
    for (const tracker of TRACKERS) {
      const name = trackerBaseUrlEnvVar(tracker);
      if (!env[name]) result[name] = `${info.sandbox.url}/${tracker}`;
    }
    const tokens = parseEnv(readFileSync(path.join(projectRoot(), 'config', 'sandbox.env'), 'utf8'));
    for (const [name, value] of Object.entries(tokens)) if (!env[name] && value) result[name] = value;
  }
  return result;
}

/** Registers the project's search attributes on an existing server (the dev server gets them as start flags). */
async function ensureSearchAttributes(namespace: string): Promise<void> {
  const { connection } = await connectClient();
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const types = temporal.api.enums.v1.IndexedValueType;
    const missing = Object.entries(SEARCH_ATTRIBUTE_CLI_TYPES).filter(
      ([name]) => !(name in (existing.customAttributes ?? {})),
    );
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        missing.map(([name, type]) => [
          name,
          type === 'KeywordList' ? types.INDEXED_VALUE_TYPE_KEYWORD_LIST : types.INDEXED_VALUE_TYPE_KEYWORD,
        ]),
      ),
    });
  } finally {
    await connection.close();
  }
}
