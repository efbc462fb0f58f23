import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseEnv } from 'node:util';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import {
  bundleWorkflowCode,
  NativeConnection,
  type Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { afterAll, beforeAll, inject } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig, type EngineConfig } from '../../src/config/load';
import type { AccountsFile, PlatformsFile } from '../../src/config/schema';
import { baseUrlEnvVar, PLATFORMS } from '../../src/domain/platforms';
import { trackerBaseUrlEnvVar, TRACKERS } from '../../src/domain/trackers';
import type { TrackersFile } from '../../src/config/trackers-schema';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server';
import { loadSandboxWorld, type SandboxWorld } from '../../src/sandbox/world';
import { createLogger, installTemporalLogging } from '../../src/logging';
import { dataDir, projectRoot } from '../../src/stack/paths';
import { connectDatabase, ensureIndexes, type Database } from '../../src/storage/mongo';
import { createWorkers, runWorkers, WORKFLOWS_PATH } from '../../src/workers/create-workers';

/** Sandbox credentials (config/sandbox.env), handed to activities as their environment. */
export const SANDBOX_CREDENTIALS = parseEnv(
  readFileSync(path.join(projectRoot(), 'config', 'sandbox.env'), 'utf8'),
) as Record<string, string>;
export const SANDBOX_TOKENS = {
  META_TOKEN_AGENCY: SANDBOX_CREDENTIALS.META_TOKEN_AGENCY as string,
  META_TOKEN_DALBIT: SANDBOX_CREDENTIALS.META_TOKEN_DALBIT as string,
};

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** One workflow bundle per test file (bundling takes a second or two). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
  });
  return bundle;
}

/** config/sandbox.yaml with test-speed knobs: Kakao's 5 s report spacing becomes 200 ms, Google pages are small. */
export function defaultWorld(): SandboxWorld {
  const world = loadSandboxWorld(path.join(projectRoot(), 'config', 'sandbox.yaml'));
  if (world.kakao) world.kakao.options = { ...world.kakao.options, reportIntervalMs: 200 };
  if (world.google_ads) world.google_ads.options = { ...world.google_ads.options, pageSize: 25 };
  return world;
}

export function defaultAccounts(): AccountsFile {
  return loadConfig(path.join(projectRoot(), 'config')).accounts;
}

import { configYaml, testPlatforms } from './platform-settings';

export { testPlatforms };

export interface TestEnv {
  sandbox: RunningSandbox;
  world: SandboxWorld;
  database: Database;
  client: Client;
  connection: Connection;
  workerConnection: NativeConnection;
  taskQueue: string;
  configDir: string;
  config: () => EngineConfig;
  /** Environment the activities see: sandbox base URL and sandbox tokens (never process.env in tests). */
  env: Record<string, string>;
  startWorkers(): Promise<{ workers: Worker[]; stop(): Promise<void> }>;
  close(): Promise<void>;
}

/** Where integration tests' Temporal worker and activity logs go. */
export const TEST_TEMPORAL_LOG = path.join(dataDir(), 'logs', 'tests-temporal.log');

export interface TestEnvOptions {
  world?: SandboxWorld;
  accounts?: AccountsFile;
  platforms?: PlatformsFile;
  /** config/trackers.yaml as written to the test's config directory (default: the project's). */
  trackers?: TrackersFile;
}

/**
 * The one integration-test preamble: a private test env for the file (created before its tests, closed after), with
 * workers running unless `workers: false`. The returned object forwards to that env once `beforeAll` has run.
 */
export function useTestEnv(options: TestEnvOptions & { workers?: boolean } = {}): TestEnv {
  let current: TestEnv | undefined;
  let stopWorkers: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    current = await createTestEnv(options);
    if (options.workers !== false) ({ stop: stopWorkers } = await current.startWorkers());
  });
  afterAll(async () => {
    await stopWorkers?.();
    await current?.close();
  });
  return new Proxy({} as TestEnv, {
    get(_target, key) {
      if (!current) throw new Error('the test env exists only inside tests and hooks (after beforeAll)');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  });
}

/** A private world per test file: own sandbox, own database, own task queue, own config directory. */
export async function createTestEnv(options: TestEnvOptions = {}): Promise<TestEnv> {
  // Workers' own logs (state changes per queue, activity logs) go to a file so test output stays readable.
  installTemporalLogging(createLogger('tests', TEST_TEMPORAL_LOG));
  const world = options.world ?? defaultWorld();
  const sandbox = await startSandbox(world);
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'adops-test-config-'));
  writeFileSync(path.join(configDir, 'accounts.yaml'), stringify(options.accounts ?? defaultAccounts()));
  writeFileSync(path.join(configDir, 'platforms.yaml'), configYaml(options.platforms ?? testPlatforms()));
  writeFileSync(
    path.join(configDir, 'trackers.yaml'),
    options.trackers ? stringify(options.trackers) : readFileSync(path.join(projectRoot(), 'config', 'trackers.yaml')),
  );
  writeFileSync(path.join(configDir, 'sandbox.env'), readFileSync(path.join(projectRoot(), 'config', 'sandbox.env')));
  const database = await connectDatabase(inject('mongoUrl'), `adops_test_${id}`);
  await ensureIndexes(database.db);
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const client = new Client({ connection, namespace: inject('temporalNamespace') });
  const workerConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const taskQueue = `test-${id}`;
  const env: Record<string, string> = { ...SANDBOX_CREDENTIALS };
  for (const platform of PLATFORMS) env[baseUrlEnvVar(platform)] = `${sandbox.url}/${platform}`;
  for (const tracker of TRACKERS) env[trackerBaseUrlEnvVar(tracker)] = `${sandbox.url}/${tracker}`;
  const config = () => loadConfig(configDir);
  const reportsDir = path.join(configDir, 'reports');

  return {
    sandbox,
    world,
    database,
    client,
    connection,
    workerConnection,
    taskQueue,
    configDir,
    config,
    env,
    async startWorkers() {
      const workers = await createWorkers({
        connection: workerConnection,
        namespace: inject('temporalNamespace'),
        config: config(),
        taskQueue,
        workflowBundle: await workflowBundle(),
        deps: { db: database.db, loadConfig: config, reportsDir, env },
      });
      const running = runWorkers(workers);
      return {
        workers,
        async stop() {
          for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
          await running;
        },
      };
    },
    async close() {
      await database.db.dropDatabase().catch(() => undefined);
      await database.client.close();
      await connection.close();
      await workerConnection.close();
      await sandbox.close();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
