import { isRecord, type ApiFailure } from '../../connectors/errors';

/**
 * Google Ads error envelope (docs: developers.google.com/google-ads/api/docs/get-started/handle-errors; reference
 * §2.5): Google's standard status `{error:{code, message, status, details[]}}`, where one detail is a
 * GoogleAdsFailure `{errors:[{errorCode:{<family>: <ENUM>}, message, details?}], requestId}`. The error FAMILY
 * (quotaError, authenticationError, ...) decides the handling; one response may hold several errors.
 */

export interface GoogleAdsErrorItem {
  /** e.g. quotaError, authenticationError, requestError. */
  family: string;
  /** e.g. RESOURCE_EXHAUSTED, OAUTH_TOKEN_EXPIRED. */
  code: string;
  message: string;
  /** quotaErrorDetails.retryDelay in ms, when given. */
  retryDelayMs?: number;
}

export interface GoogleAdsErrorEnvelope {
  httpStatus: number;
  /** gRPC status name: UNAUTHENTICATED, PERMISSION_DENIED, RESOURCE_EXHAUSTED, INTERNAL, ... */
  status?: string;
  message?: string;
  requestId?: string;
  errors: GoogleAdsErrorItem[];
}

const GOOGLE_ADS_FAILURE_TYPE = /\/google\.ads\.googleads\.v\d+\.errors\.GoogleAdsFailure$/;

/** QuotaError values that mean "slow down" (docs reference/rpc/v26/QuotaErrorEnum.QuotaError). */
const THROTTLE_QUOTA_ERRORS = new Set([
  'RESOURCE_EXHAUSTED',
  'RESOURCE_TEMPORARILY_EXHAUSTED',
  'EXCESSIVE_SHORT_TERM_QUERY_RESOURCE_CONSUMPTION',
  'EXCESSIVE_LONG_TERM_QUERY_RESOURCE_CONSUMPTION',
]);

/** A protobuf Duration in JSON ("60s", "8962s", "1.5s") → ms (docs reference/rpc/v26/QuotaErrorDetails). */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = value.match(/^(\d+)(?:\.(\d{1,9}))?s$/);
  if (!match) return undefined;
  const fraction = Number(`0.${match[2] ?? '0'}`);
  return Math.round((Number(match[1]) + fraction) * 1000);
}

/** Reads whatever of the envelope is there; never throws (error bodies are often not what they should be). */
export function readGoogleAdsError(httpStatus: number, body: unknown): GoogleAdsErrorEnvelope {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const envelope: GoogleAdsErrorEnvelope = {
    httpStatus,
    status: typeof error.status === 'string' ? error.status : undefined,
    message: typeof error.message === 'string' ? error.message : undefined,
    errors: [],
  };
  const details = Array.isArray(error.details) ? error.details : [];
  for (const detail of details) {
    if (!isRecord(detail) || typeof detail['@type'] !== 'string') continue;
    if (!GOOGLE_ADS_FAILURE_TYPE.test(detail['@type'])) continue;
    if (typeof detail.requestId === 'string') envelope.requestId = detail.requestId;
    for (const item of Array.isArray(detail.errors) ? detail.errors : []) {
      if (!isRecord(item) || !isRecord(item.errorCode)) continue;
      const [family, code] = Object.entries(item.errorCode)[0] ?? [];
      if (typeof family !== 'string' || typeof code !== 'string') continue;
      const quota =
        isRecord(item.details) && isRecord(item.details.quotaErrorDetails) ? item.details.quotaErrorDetails : {};
      envelope.errors.push({
        family,
        code,
        message: typeof item.message === 'string' ? item.message : '',
        retryDelayMs: parseDurationMs(quota.retryDelay),
      });
    }
  }
  return envelope;
}

function describe(envelope: GoogleAdsErrorEnvelope): string {
  const head = `HTTP ${envelope.httpStatus}${envelope.status ? ` ${envelope.status}` : ''}`;
  if (envelope.errors.length === 0) return `${head}: ${envelope.message ?? 'no error message'}`;
  const items = envelope.errors.map((e) => `${e.family}.${e.code}${e.message ? ` (${e.message})` : ''}`);
  return `${head}: ${items.join('; ')}`;
}

/**
 * Error response → how to treat it. Families first (they are the documented signal), then the gRPC status / HTTP
 * code mapping (docs best-practices/understand-api-errors): 401 UNAUTHENTICATED, 403 PERMISSION_DENIED,
 * 429 RESOURCE_EXHAUSTED (wait retryDelay), 500 INTERNAL / 503 UNAVAILABLE / 504 DEADLINE_EXCEEDED (retry).
 */
export function classifyGoogleAdsError(httpStatus: number, body: unknown): ApiFailure {
  const envelope = readGoogleAdsError(httpStatus, body);
  const message = describe(envelope);
  const traceId = envelope.requestId;
  const has = (family: string, codes?: Set<string>) =>
    envelope.errors.some((e) => e.family === family && (!codes || codes.has(e.code)));

  if (has('quotaError', THROTTLE_QUOTA_ERRORS)) {
    const delays = envelope.errors.flatMap((e) => (e.retryDelayMs === undefined ? [] : [e.retryDelayMs]));
    return { kind: 'rate_limited', message, traceId, retryAfterMs: delays.length ? Math.max(...delays) : undefined };
  }
  if (has('authenticationError')) return { kind: 'auth', message, traceId };
  // quotaError.ACCESS_PROHIBITED: the project's access level does not allow this call; waiting will not help.
  if (has('authorizationError') || has('quotaError')) return { kind: 'permission', message, traceId };
  if (has('internalError')) return { kind: 'transient', message, traceId };
  if (envelope.errors.length > 0) return { kind: 'bad_request', message, traceId };

  const status = envelope.status;
  if (httpStatus === 401 || status === 'UNAUTHENTICATED') return { kind: 'auth', message, traceId };
  if (httpStatus === 403 || status === 'PERMISSION_DENIED') return { kind: 'permission', message, traceId };
  if (httpStatus === 429 || status === 'RESOURCE_EXHAUSTED') return { kind: 'rate_limited', message, traceId };
  if (httpStatus === 404 || status === 'NOT_FOUND') return { kind: 'not_found', message, traceId };
  if (httpStatus >= 500 || status === 'INTERNAL' || status === 'UNAVAILABLE' || status === 'DEADLINE_EXCEEDED') {
    return { kind: 'transient', message, traceId };
  }
  return { kind: 'bad_request', message, traceId };
}

/**
 * requestError.INVALID_PAGE_TOKEN / EXPIRED_PAGE_TOKEN: tokens expire after about 2 h of non-use, and a token sent
 * with a different query is refused (docs reporting/paging). The only fix is to start the query again.
 */
export function isPageTokenError(httpStatus: number, body: unknown): boolean {
  if (httpStatus !== 400) return false;
  return readGoogleAdsError(httpStatus, body).errors.some(
    (e) => e.family === 'requestError' && (e.code === 'INVALID_PAGE_TOKEN' || e.code === 'EXPIRED_PAGE_TOKEN'),
  );
}
