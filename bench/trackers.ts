import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config/load';
import { loadTrackersConfig } from '../src/config/trackers';
import type { TrackerAppConfig, TrackersFile } from '../src/config/trackers-schema';
import { addDays, dateInZone, type IsoDate } from '../src/domain/dates';
import { trackerBaseUrlEnvVar, TRACKERS, type Tracker, type TrackerDailyRow } from '../src/domain/trackers';
import type { PullTrackerAppResult } from '../src/activities/tracker-pull';
import { SANDBOX_TRACKERS } from '../src/sandbox/registry';
import { startSandbox } from '../src/sandbox/server';
import { loadSandboxWorld, type SandboxWorld } from '../src/sandbox/world';
import { projectRoot } from '../src/stack/paths';
import { ensureIndexes } from '../src/storage/mongo';
import { upsertTrackerRows } from '../src/storage/tracker-store';
import { sandboxEnv, startBenchEngine } from './engine';

/**
 * Tracker pulls through the real engine: per tracker, 10 apps × 90 days (one pullTrackerApp workflow each, all ten at
 * once, on the tracker's task queue, at the politeness config/trackers.yaml sets), then a daily run's worth (each app's
 * restatement window). Baseline, in the same run: the same rows upserted straight into an empty database. Run alone:
 * `BENCH=trackers npm run bench`. BENCH_TRACKER_APPS, BENCH_TRACKER_DAYS change the size.
 */
const APPS = Number(process.env.BENCH_TRACKER_APPS ?? 10);
const DAYS = Number(process.env.BENCH_TRACKER_DAYS ?? 90);

/** App ids in each tracker's own shape (config/trackers-schema.ts checks them). */
const BENCH_APP_ID: Record<Tracker, (i: number) => string> = {
  appsflyer: (i) => `com.bench.app${i}`,
  adjust: (i) => `bench${String(i).padStart(7, '0')}`,
  airbridge: (i) => `benchapp${i}`,
};

/** The example app of each tracker in config/sandbox.yaml and config/trackers.yaml, cloned APPS times. */
function benchConfig(): { world: SandboxWorld; trackers: TrackersFile } {
  const root = path.join(projectRoot(), 'config');
  const world = loadSandboxWorld(path.join(root, 'sandbox.yaml'));
  const base = loadTrackersConfig(root, loadConfig(root).accounts);
  const apps: TrackerAppConfig[] = [];
  for (const tracker of TRACKERS) {
    const section = world.trackers![tracker]!;
    const exampleSandboxApp = section.apps[0]!;
    const example = base.apps.find((a) => a.tracker === tracker && a.appId === exampleSandboxApp.id)!;
    const ids = Array.from({ length: APPS }, (_, i) => BENCH_APP_ID[tracker](i));
    section.apps = ids.map((id) => ({ ...exampleSandboxApp, id }));
    section.grants = section.grants.map((g) => ({ ...g, apps: ids }));
    ids.forEach((appId, i) => apps.push({ ...example, id: `${tracker}-bench-${i}`, appId }));
  }
  return { world, trackers: { ...base, apps, mappings: [] } };
}

export async function runTrackerBench(stack: {
  temporal: { address: string; namespace: string };
  mongo: { url: string };
}): Promise<void> {
  const { world, trackers } = benchConfig();
  const sandbox = await startSandbox(world);
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'adops-bench-trackers-'));
  for (const file of ['accounts.yaml', 'platforms.yaml'])
    writeFileSync(path.join(configDir, file), readFileSync(path.join(projectRoot(), 'config', file)));
  writeFileSync(path.join(configDir, 'trackers.yaml'), stringify(trackers));
  const env = sandboxEnv();
  for (const t of TRACKERS) env[trackerBaseUrlEnvVar(t)] = `${sandbox.url}/${t}`;
  const engine = await startBenchEngine({ stack, configDir, env, name: 'trackers' });
  const stamp = Date.now().toString(36);
  const pullApps = (apps: TrackerAppConfig[], range: (app: TrackerAppConfig) => { from: IsoDate; to: IsoDate }) =>
    Promise.all(
      apps.map(
        (app) =>
          engine.client.workflow.execute('pullTrackerApp', {
            taskQueue: engine.taskQueue,
            workflowId: `bench:${app.id}:${range(app).from}:${stamp}`,
            args: [{ tracker: app.tracker, appId: app.id, ...range(app) }],
          }) as Promise<PullTrackerAppResult>,
      ),
    );

  console.log(`\ntracker pulls: ${APPS} apps × ${DAYS} days per tracker through pullTrackerApp workflows`);
  console.log('tracker      rows   engine s  engine rows/s  baseline rows/s  engine/baseline  daily window s');
  try {
    for (const tracker of TRACKERS) {
      const apps = trackers.apps.filter((a) => a.tracker === tracker);
      const yesterday = (app: TrackerAppConfig) => addDays(dateInZone(sandbox.state.now(), app.timeZone), -1);
      const started = performance.now();
      const results = await pullApps(apps, (app) => ({
        from: addDays(yesterday(app), -(DAYS - 1)),
        to: yesterday(app),
      }));
      const engineSeconds = (performance.now() - started) / 1000;
      const rows = results.reduce((n, r) => n + r.rows, 0);

      // Baseline: the sandbox's truth for the same apps and days, upserted straight into an empty database.
      const truth: TrackerDailyRow[] = apps.flatMap((app) => {
        const to = yesterday(app);
        const query: Record<string, string> = tracker === 'adjust' ? { attribution_types: 'click,impression' } : {};
        return SANDBOX_TRACKERS[tracker]
          .truth(world, app.appId, addDays(to, -(DAYS - 1)), to, sandbox.state.now(), query)
          .map((r) => ({
            ...r,
            tracker,
            app: app.id,
            appId: app.appId,
            advertiserId: app.advertiser,
            dateBasis: tracker === 'appsflyer' ? ('install' as const) : ('activity' as const),
            timeZone: app.timeZone,
            mature: false,
          }));
      });
      if (truth.length !== rows)
        throw new Error(`${tracker}: the engine stored ${rows} rows, the truth has ${truth.length}`);
      const baselineDb = engine.database.client.db(`adops_bench_trackers_${stamp}_baseline_${tracker}`);
      await ensureIndexes(baselineDb);
      const baseStart = performance.now();
      for (let i = 0; i < truth.length; i += 500) await upsertTrackerRows(baselineDb, truth.slice(i, i + 500), 'bench');
      const baselineSeconds = (performance.now() - baseStart) / 1000;
      await baselineDb.dropDatabase();

      // A daily run's share: each app's restatement window again (rows mostly unchanged), timed as a whole.
      const window = trackers.trackers[tracker]!.restatementWindowDays;
      const dailyStart = performance.now();
      await pullApps(apps, (app) => ({ from: addDays(yesterday(app), -(window - 1)), to: yesterday(app) }));
      const dailySeconds = (performance.now() - dailyStart) / 1000;

      const engineRate = rows / engineSeconds;
      const baselineRate = truth.length / baselineSeconds;
      console.log(
        `${tracker.padEnd(10)} ${String(rows).padStart(6)}  ${engineSeconds.toFixed(1).padStart(8)}  ${engineRate.toFixed(0).padStart(13)}  ${baselineRate.toFixed(0).padStart(15)}  ${(engineRate / baselineRate).toFixed(2).padStart(15)}  ${dailySeconds.toFixed(1).padStart(14)}`,
      );
    }
    const quotas = [...sandbox.state.quotas].filter(([, q]) => q.refused > 0 || q.used > q.limit);
    console.log(
      quotas.length === 0
        ? 'quotas: no call refused by the sandbox and none over a limit'
        : `quotas EXCEEDED: ${JSON.stringify(quotas)}`,
    );
  } finally {
    await engine.close();
    await sandbox.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}
