import { createRng, hashSeed } from './rng';

/** Fault injection, set per run through PUT /_sandbox/faults. Rates are probabilities per API request. */
export interface FaultSettings {
  rateLimitRate: number;
  serverErrorRate: number;
  timeoutRate: number;
  malformedRate: number;
  /** From this request number on (1-based, counted since the last reset), every response is malformed; 0 = off. */
  malformedFromRequest: number;
  /** Added to every API response; lets a test kill a worker in the middle of a paginated pull. */
  latencyMs: number;
  /** How long a "timeout" fault holds the request before dropping the connection. */
  timeoutMs: number;
  /** Tokens that answer as expired (Meta code 190 / subcode 463). */
  expiredTokens: string[];
  /** Minutes Meta says it needs before access returns, in throttle responses. */
  regainAccessMinutes: number;
  /** Share of asynchronous report tasks (Airbridge) that end FAILURE, decided per task from the seed. */
  taskFailureRate: number;
  /** How long an asynchronous report task stays PENDING/RUNNING before it ends. */
  taskDurationMs: number;
  seed: number;
}

export const NO_FAULTS: FaultSettings = {
  rateLimitRate: 0,
  serverErrorRate: 0,
  timeoutRate: 0,
  malformedRate: 0,
  malformedFromRequest: 0,
  latencyMs: 0,
  timeoutMs: 30_000,
  expiredTokens: [],
  regainAccessMinutes: 0,
  taskFailureRate: 0,
  taskDurationMs: 0,
  seed: 1,
};

export type FaultKind = 'rate_limit' | 'server_error' | 'timeout' | 'malformed' | null;

/** Deterministic for a given seed and request sequence number, so a failing test can be replayed. */
export function pickFault(settings: FaultSettings, requestNumber: number): FaultKind {
  if (settings.malformedFromRequest > 0 && requestNumber >= settings.malformedFromRequest) return 'malformed';
  const roll = createRng(hashSeed(settings.seed, requestNumber))();
  let edge = settings.rateLimitRate;
  if (roll < edge) return 'rate_limit';
  edge += settings.serverErrorRate;
  if (roll < edge) return 'server_error';
  edge += settings.timeoutRate;
  if (roll < edge) return 'timeout';
  edge += settings.malformedRate;
  if (roll < edge) return 'malformed';
  return null;
}
