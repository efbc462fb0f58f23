import { addCounts, ZERO_COUNTS, type EntityLevel, type UpsertCounts } from './metrics';

/** Heartbeat details of a pull: where a retried attempt resumes. Never holds secrets or data. */
export interface PullCheckpoint {
  phase: 'entities' | 'metrics';
  /** Absent in checkpoints written before ad set pulls existed: those were campaign level. */
  level?: EntityLevel;
  cursor: string | null;
  page: number;
  rows: number;
  entities: number;
  counts: UpsertCounts;
}

export interface PullStep {
  phase: PullCheckpoint['phase'];
  level: EntityLevel;
}

export const FIRST_CHECKPOINT: PullCheckpoint = {
  phase: 'entities',
  level: 'campaign',
  cursor: null,
  page: 0,
  rows: 0,
  entities: 0,
  counts: ZERO_COUNTS,
};

/** Entities of every level first (campaigns before their ad sets), then metrics level by level. */
export function pullSteps(levels: readonly EntityLevel[]): PullStep[] {
  return [
    ...levels.map((level) => ({ phase: 'entities' as const, level })),
    ...levels.map((level) => ({ phase: 'metrics' as const, level })),
  ];
}

export const checkpointLevel = (checkpoint: PullCheckpoint): EntityLevel => checkpoint.level ?? 'campaign';

/** The step a checkpoint is in; a step no longer configured (levels changed between attempts) restarts its phase. */
export function stepIndex(steps: PullStep[], checkpoint: PullCheckpoint): number {
  const exact = steps.findIndex((s) => s.phase === checkpoint.phase && s.level === checkpointLevel(checkpoint));
  if (exact >= 0) return exact;
  return Math.max(
    0,
    steps.findIndex((s) => s.phase === checkpoint.phase),
  );
}

/** The checkpoint as a step begins: same counters, the step's own phase and level, and a fresh cursor if it moved. */
export function enterStep(checkpoint: PullCheckpoint, step: PullStep): PullCheckpoint {
  if (checkpoint.phase === step.phase && checkpointLevel(checkpoint) === step.level) return checkpoint;
  return { ...checkpoint, ...step, cursor: null };
}

/**
 * The checkpoint after a stored page. A finished step hands over to the next before the heartbeat, so a retry never
 * repeats a finished step.
 */
export function afterPage(
  checkpoint: PullCheckpoint,
  page: { next: string | null; entities?: number; rows?: number; counts?: UpsertCounts },
  following: PullStep | undefined,
): { checkpoint: PullCheckpoint; stepDone: boolean } {
  const moved: PullCheckpoint = {
    ...checkpoint,
    cursor: page.next,
    page: checkpoint.page + 1,
    entities: checkpoint.entities + (page.entities ?? 0),
    rows: checkpoint.rows + (page.rows ?? 0),
    counts: page.counts ? addCounts(checkpoint.counts, page.counts) : checkpoint.counts,
  };
  const stepDone = page.next === null;
  return { checkpoint: stepDone && following ? { ...moved, ...following, cursor: null } : moved, stepDone };
}
