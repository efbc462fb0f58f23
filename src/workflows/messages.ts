import { defineQuery } from '@temporalio/workflow';
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

export const dailyOpsProgressQuery = defineQuery<FanOutProgress>('progress');
export const pullProgressQuery = defineQuery<PullProgress>('pullProgress');
export const backfillProgressQuery = defineQuery<BackfillProgress>('backfillProgress');
