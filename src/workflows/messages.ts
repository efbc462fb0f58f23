import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UpsertCounts } from '../domain/metrics';

/** Every signal, query and update the workflows handle, in one place. */

export interface FanOutProgress {
  phase: 'planning' | 'pulling' | 'reporting' | 'done';
  date: string | null;
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  rows: number;
  counts: UpsertCounts;
  /** Tracker apps (absent in runs without tracker pulls); their rows are counted apart from the media's. */
  trackers?: { appsTotal: number; appsDone: number; appsFailed: number; rows: number; counts: UpsertCounts };
}

/** dailyOps and pullAll both answer `progress`. */
export type DailyOpsProgress = FanOutProgress;

export interface PullProgress {
  phase: 'pulling' | 'done';
  platform: string;
  accountId: string;
  from: string;
  to: string;
  rows: number;
}

export interface BackfillProgress {
  platform: string;
  accountId: string;
  from: string;
  to: string;
  chunksTotal: number;
  chunksDone: number;
  /** Workflow runs so far (1 + continue-as-new count). */
  run: number;
  rows: number;
  counts: UpsertCounts;
}

/** backfillTrackerApp: the same figures as an account's backfill, for a tracker app. */
export interface TrackerBackfillProgress extends Omit<BackfillProgress, 'platform' | 'accountId'> {
  tracker: string;
  appId: string;
}

export const dailyOpsProgressQuery = defineQuery<FanOutProgress>('progress');
export const pullProgressQuery = defineQuery<PullProgress>('pullProgress');
export const backfillProgressQuery = defineQuery<BackfillProgress>('backfillProgress');
export const trackerBackfillProgressQuery = defineQuery<TrackerBackfillProgress>('backfillProgress');

/** rebalanceBudgets: every plan of the run with its status, decision and the outcome of each applied change. */
export interface RebalanceState {
  phase: 'planning' | 'waiting' | 'applying' | 'done';
  plans: import('../domain/rebalance/plan-record').PlanRecord[];
  outcomes: Record<string, import('../activities/budgets').ChangeOutcome[]>;
  /** Rules stopped by a kill switch before planning, with why. */
  killedRules: Array<{ ruleId: string; why: string }>;
}

export interface DecideResult {
  planId: string;
  status: import('../domain/rebalance/plan-record').PlanStatus;
  approved: number;
  outcomes: import('../activities/budgets').ChangeOutcome[];
}

export const plansQuery = defineQuery<RebalanceState>('plans');
/** An AE's decision on a plan waiting for approval (Web UI: More Actions → Send an Update → decide). */
export const decideUpdate = defineUpdate<DecideResult, [import('../domain/rebalance/decision').DecideInput]>('decide');

/** generateReport: where the report is and what became of it. */
export interface ReportState {
  phase: 'writing' | 'awaiting_review' | 'delivering' | 'done';
  reportId?: string;
  files: Array<{ format: string; path: string; bytes: number }>;
  summary?: string;
  status?: import('../storage/reports-store').AdvertiserReportStatus;
  review?: { decision: string; by: string; reason?: string };
}

export const reportQuery = defineQuery<ReportState>('report');
/** An AE's review of a report before it is sent (Web UI: More Actions → Send an Update → review). */
export const reviewUpdate = defineUpdate<ReportState, [import('../domain/report-review').ReviewInput]>('review');

/** rulePromotion: the proposal, its evidence against the bar, when it expires and what became of it. */
export type PromotionState = import('../domain/rebalance/promotion-proposal').PromotionState;

export const promotionQuery = defineQuery<PromotionState>('promotion');
/**
 * An engineer's answer to a proposed promotion (Web UI: More Actions → Send an Update → decidePromotion):
 * {"confirm": true, "by": "name"} or {"confirm": false, "by": "name", "reason": "why"}.
 */
export const decidePromotionUpdate = defineUpdate<
  PromotionState,
  [import('../domain/rebalance/promotion-decision').PromotionDecisionInput]
>('decidePromotion');
