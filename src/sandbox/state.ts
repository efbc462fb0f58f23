import { NO_FAULTS, type FaultSettings } from './faults';
import type { SandboxWorld } from './world';

/** What a budget is set on: a campaign (CBO), an ad set or ad group (ABO), or a Google CampaignBudget resource. */
export type BudgetLevel = 'campaign' | 'adset' | 'budget';

export interface BudgetMutation {
  at: string;
  platform: string;
  accountId: string;
  entityId: string;
  level: BudgetLevel;
  field: string;
  /** Old and new value as the platform's wire carries them (minor units, micros, won, major units). */
  oldValue: string | null;
  newValue: string;
  /** The new daily budget in micros of the account currency, a decimal string; null means "no daily limit". */
  budgetMicros: string | null;
  validateOnly: boolean;
}

/** The mutation log a budget history is derived from (SandboxState.mutations, or none for the generated budgets). */
export type BudgetHistory = readonly BudgetMutation[];
export const NO_BUDGET_CHANGES: BudgetHistory = [];

/** Calls a tracker quota accepted and refused since the last reset (the day is part of the key). */
export interface QuotaCount {
  limit: number;
  used: number;
  refused: number;
}

/** An asynchronous report task (Airbridge): what was asked, when, and how it ends. */
export interface SandboxTask {
  app: string;
  createdAtMs: number;
  /** Ends FAILURE instead of SUCCESS (decided when it is created, from the fault settings). */
  fails: boolean;
  request: unknown;
}

/** Everything the sandbox remembers between requests. */
export class SandboxState {
  faults: FaultSettings = { ...NO_FAULTS };
  clockOffsetMs = 0;
  requestCount = 0;
  readonly counters = new Map<string, number>();
  /** Every API request as `METHOD /path?query` (access tokens removed), in order: lets a test see what was asked twice. */
  readonly requestLog: string[] = [];
  readonly mutations: BudgetMutation[] = [];
  /** entityId → current budget in the platform's own unit, after mutations. */
  readonly budgets = new Map<string, bigint>();
  /** entityId → timestamps of budget changes (Meta: 4 per hour). */
  readonly budgetChangeTimes = new Map<string, number[]>();
  /** accountId → request timestamps inside the rolling usage window. */
  readonly usage = new Map<string, number[]>();

  /** Tracker quotas by key (`appsflyer:2026-11-21:app:<id>`): tests assert `refused` stays 0 and `used` ≤ `limit`. */
  readonly quotas = new Map<string, QuotaCount>();
  /** Last accepted call per rate key (AppsFlyer: app and report, one call a minute for short ranges), in ms. */
  readonly lastCallAt = new Map<string, number>();
  /** Token buckets per rate key (Adjust: per source IP): tokens left and when they were last topped up, in ms. */
  readonly buckets = new Map<string, { tokens: number; atMs: number }>();
  /** Asynchronous report tasks by id. */
  readonly tasks = new Map<string, SandboxTask>();

  constructor(readonly world: SandboxWorld) {}

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  count(key: string): void {
    this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.faults = { ...NO_FAULTS };
    this.clockOffsetMs = 0;
    this.requestCount = 0;
    this.counters.clear();
    this.requestLog.length = 0;
    this.mutations.length = 0;
    this.budgets.clear();
    this.budgetChangeTimes.clear();
    this.usage.clear();
    this.quotas.clear();
    this.lastCallAt.clear();
    this.buckets.clear();
    this.tasks.clear();
  }
}
