import { defineQuery } from '@temporalio/workflow';
import type { UpsertCounts } from '../domain/metrics';

/** Every signal, query and update the workflows handle, in one place. */

export interface DailyOpsProgress {
  phase: 'planning' | 'pulling' | 'reporting' | 'done';
  date: string | null;
  accountsTotal: number;
  accountsDone: number;
  accountsFailed: number;
  rows: number;
  counts: UpsertCounts;
}

export interface PullProgress {
  phase: 'pulling' | 'done';
  platform: string;
  accountId: string;
  from: string;
  to: string;
  rows: number;
}

export const dailyOpsProgressQuery = defineQuery<DailyOpsProgress>('progress');
export const pullProgressQuery = defineQuery<PullProgress>('pullProgress');
