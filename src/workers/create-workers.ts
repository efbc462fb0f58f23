import path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import {
  createCoreActivities,
  createPlatformActivities,
  createTrackerQueueActivities,
  type ActivityDeps,
} from '../activities';
import type { EngineConfig } from '../config/load';
import { isPlatform, MAIN_TASK_QUEUE, platformTaskQueue } from '../domain/platforms';
import { TRACKERS, trackerTaskQueue } from '../domain/trackers';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  config: EngineConfig;
  deps: ActivityDeps;
  /** A pre-built bundle (tests, demo) or undefined to bundle from WORKFLOWS_PATH. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** Main task queue; platform queues are derived from it. */
  taskQueue?: string;
}

/**
 * One worker for workflows and database activities on the main queue, plus one per platform on that platform's
 * activity queue, rate-limited server-side so every worker in the fleet shares the platform's quota, and one per
 * tracker (whose daily quota is counted durably in tracker_quota).
 */
export async function createWorkers(setup: WorkerSetup): Promise<Worker[]> {
  const { connection, namespace, config, deps } = setup;
  const shutdownGraceTime = `${config.platforms.worker.shutdownGraceSeconds}s` as const;
  const common = {
    connection,
    namespace,
    shutdownGraceTime,
    shutdownForceTime: `${config.platforms.worker.shutdownGraceSeconds + 10}s` as const,
    ...(setup.identity ? { identity: setup.identity } : {}),
  };
  const mainQueue = setup.taskQueue ?? MAIN_TASK_QUEUE;
  const workers = [
    await Worker.create({
      ...common,
      taskQueue: mainQueue,
      ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
      activities: createCoreActivities(deps),
    }),
  ];
  const platformActivities = createPlatformActivities(deps);
  for (const [platform, settings] of Object.entries(config.platforms.platforms)) {
    if (!isPlatform(platform)) continue;
    workers.push(
      await Worker.create({
        ...common,
        taskQueue: platformTaskQueue(mainQueue, platform),
        activities: platformActivities,
        maxTaskQueueActivitiesPerSecond: settings.activitiesPerSecond,
        maxConcurrentActivityTaskExecutions: config.platforms.worker.maxConcurrentPulls,
      }),
    );
  }
  // One per tracker, whether or not config/trackers.yaml lists its apps: the activity reads that file when it runs,
  // so a missing or broken trackers.yaml fails tracker pulls by name and never stops the media workers.
  const trackerActivities = createTrackerQueueActivities(deps);
  for (const tracker of TRACKERS) {
    workers.push(
      await Worker.create({
        ...common,
        taskQueue: trackerTaskQueue(mainQueue, tracker),
        activities: trackerActivities,
        maxConcurrentActivityTaskExecutions: config.platforms.worker.maxConcurrentPulls,
      }),
    );
  }
  return workers;
}

/** Runs all workers until one stops; SIGINT/SIGTERM make the SDK runtime shut every worker down gracefully. */
export async function runWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.run()));
}
