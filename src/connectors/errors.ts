/** A response that parsed but does not match the platform's documented shape. Names the offending field. */
export class ResponseFormatError extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'ResponseFormatError';
  }
}

/** How an API failure should be treated, decided from the platform's own signals. */
export type ApiFailureKind =
  | 'auth' // token invalid/expired: re-authorise
  | 'permission' // token valid, no access to this object
  | 'bad_request' // our request is wrong: fix code or config
  | 'not_found'
  | 'rate_limited' // wait retryAfterMs
  | 'transient'; // 5xx, platform says retry

export interface ApiFailure {
  kind: ApiFailureKind;
  message: string;
  /** From the platform's own signal (Meta usage headers, Google retryDelay, ...), when it gave one. */
  retryAfterMs?: number;
  /** Request id for the platform's support (fbtrace_id, requestId, request_id, X-Transaction-ID). */
  traceId?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
