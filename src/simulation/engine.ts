import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, type NativeConnection, type Worker } from '@temporalio/worker';
import type { Db } from 'mongodb';
import type { EngineConfig } from '../config/load';
import type { IsoDate } from '../domain/dates';
import type { Platform } from '../domain/platforms';
import { createWorkers, runWorkers, WORKFLOWS_PATH } from '../workers/create-workers';
import type { PullAllResult } from '../workflows/pull-all';
import type { RebalanceState } from '../workflows/messages';

/**
 * The engine as it runs in production, on a private task queue: the real pullAll and rebalanceBudgets workflows and
 * their activities, in-process workers whose activities read the simulation's clock and talk to the simulation's
 * sandbox. Going through Temporal costs about a second a day and keeps the simulation honest: the auto ceiling, the
 * kill-switch check, the grouping of changes per account and the exactly-once apply are the workflow's own.
 */
export interface EngineSetup {
  connection: NativeConnection;
  client: Client;
  namespace: string;
  config: EngineConfig;
  loadConfig: () => EngineConfig;
  db: Db;
  /** Connector environment: sandbox base URLs and sandbox credentials (never process.env). */
  env: Record<string, string>;
  now: () => Date;
  taskQueue: string;
  reportsDir: string;
}

export interface EngineDay {
  planned: number;
  applied: number;
  /** The entity keys (platform|account|level|id) whose budgets changed. */
  appliedKeys: string[];
  /** Changes not applied and why (refused, conflict, held above the auto ceiling). */
  problems: string[];
}

export class SimulatedEngine {
  private running?: Promise<void>;
  private workers: Worker[] = [];

  constructor(private readonly setup: EngineSetup) {}

  async start(): Promise<void> {
    const { setup } = this;
    this.workers = await createWorkers({
      connection: setup.connection,
      namespace: setup.namespace,
      config: setup.config,
      taskQueue: setup.taskQueue,
      workflowBundle: await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: QUIET }),
      deps: {
        db: setup.db,
        loadConfig: setup.loadConfig,
        reportsDir: setup.reportsDir,
        env: setup.env,
        now: setup.now,
      },
    });
    this.running = runWorkers(this.workers);
  }

  /** pullAll through `through`, over `windowDays` per platform (default: each platform's restatement window). */
  async pull(input: {
    through: IsoDate;
    advertiserId: string;
    platforms: Platform[];
    windowDays?: Partial<Record<Platform, number>>;
  }): Promise<PullAllResult> {
    return (await this.setup.client.workflow.execute('pullAll', {
      taskQueue: this.setup.taskQueue,
      workflowId: `${this.setup.taskQueue}:pull-all:${input.through}${input.windowDays ? ':history' : ''}`,
      args: [
        {
          date: input.through,
          advertisers: [input.advertiserId],
          platforms: input.platforms,
          ...(input.windowDays ? { windowDays: input.windowDays } : {}),
        },
      ],
    })) as PullAllResult;
  }

  /**
   * rebalanceBudgets for one rule and day. A plan that waits for an AE (a change above the rule's auto ceiling) is
   * rejected, since a simulation has nobody to approve it, and counted as a problem.
   */
  async rebalance(input: { date: IsoDate; advertiserId: string; ruleId: string }): Promise<EngineDay> {
    const handle = await this.setup.client.workflow.start('rebalanceBudgets', {
      taskQueue: this.setup.taskQueue,
      workflowId: `${this.setup.taskQueue}:rebalance:${input.date}`,
      args: [{ advertiserId: input.advertiserId, ruleId: input.ruleId, date: input.date }],
    });
    const problems: string[] = [];
    for (;;) {
      const state = await handle.query<RebalanceState>('plans').catch(() => undefined);
      if (state?.phase === 'done') break;
      if (state?.phase === 'waiting') {
        for (const plan of state.plans.filter((p) => p.status === 'awaiting_approval')) {
          problems.push(`${plan.planId} waited for approval (${plan.ceilingExceeded ?? 'approve level'}): rejected`);
          await handle.executeUpdate('decide', {
            args: [
              {
                planId: plan.planId,
                decision: 'reject',
                by: 'simulation',
                reason: 'a simulation has no AE to approve',
              },
            ],
          });
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const state = (await handle.result()) as RebalanceState;
    let planned = 0;
    const appliedKeys: string[] = [];
    for (const plan of state.plans) {
      planned += plan.proposals.length;
      for (const outcome of state.outcomes[plan.planId] ?? []) {
        if (outcome.status === 'applied') appliedKeys.push(outcome.key);
        else problems.push(`${outcome.key}: ${outcome.status}${outcome.detail ? ` (${outcome.detail})` : ''}`);
      }
    }
    return { planned, applied: appliedKeys.length, appliedKeys, problems };
  }

  async stop(): Promise<void> {
    for (const worker of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    await this.running;
  }
}

const QUIET = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
  log: () => undefined,
};
