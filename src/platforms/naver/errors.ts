import { isRecord, type ApiFailure } from '../../connectors/errors';

/**
 * Naver answers failures in two shapes:
 * - the gateway's RFC 7807-style problem for authentication, always HTTP 403:
 *   `{"status":403,"type":"urn:naver:api:problem:invalid-signature","title":"Invalid Signature","detail":"…"}`
 *   (types invalid-apikey, invalid-signature, invalid-timestamp, auth-failed; seen in naver/searchad-apidoc
 *   issues #629, #985, #1163, #1475). Its `detail` and `apikey` fields echo the API key, so they are never copied.
 * - the API's envelope `{"code":1018,"status":404,"title":"…"}` (reference §3.6, NaverSA_API_Error_Code_MAP.md).
 */
export const NAVER_PROBLEM = {
  invalidApiKey: 'urn:naver:api:problem:invalid-apikey',
  invalidSignature: 'urn:naver:api:problem:invalid-signature',
  invalidTimestamp: 'urn:naver:api:problem:invalid-timestamp',
  authFailed: 'urn:naver:api:problem:auth-failed',
} as const;

/** Envelope codes (NaverSA_API_Error_Code_MAP.md). */
const TOO_MANY_CONNECTIONS = 1016;
const TOO_MANY_REQUESTS = 429;
const MAINTENANCE = 503;
const NO_PERMISSION = new Set([1006, 1018]);
const NOT_FOUND = new Set([1001, 3001, 3501, 3701, 3801, 3901]);

export interface NaverApiFailure extends ApiFailure {
  /**
   * The request's X-Timestamp was too old when Naver checked it ("Request has expired."). A freshly signed request
   * normally succeeds, so the connector re-signs instead of replaying the same stale headers.
   */
  staleTimestamp?: boolean;
}

/** Naver error response → how the engine treats it. `headers` are lower-cased. */
export function classifyNaverError(
  status: number,
  body: unknown,
  headers: Record<string, string | undefined>,
): NaverApiFailure {
  const traceId = headers['x-transaction-id'];
  const error = isRecord(body) ? body : {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const type = typeof error.type === 'string' ? error.type : undefined;
  const title = typeof error.title === 'string' ? error.title : typeof error.message === 'string' ? error.message : '';
  const message = `${title || `HTTP ${status}`} (${type ?? `code ${code ?? '?'}`}, HTTP ${status})`;

  if (type === NAVER_PROBLEM.invalidApiKey || type === NAVER_PROBLEM.invalidSignature) {
    // The access license was revoked or re-issued (issue #985), or the secret key no longer matches it (#1475).
    return { kind: 'auth', message, traceId };
  }
  if (type === NAVER_PROBLEM.authFailed) {
    // The license is valid but not linked to this X-Customer (inferred from #1163's detail text; unverified).
    return { kind: 'permission', message, traceId };
  }
  if (type === NAVER_PROBLEM.invalidTimestamp) {
    // X-Timestamp differs too much from Naver's clock: a delayed send or a worker clock off by about a minute (#880).
    return { kind: 'transient', message: `${message}: check the worker clock (NTP)`, traceId, staleTimestamp: true };
  }
  // No Retry-After or usage header exists: the engine's floor (minRateLimitBackoffSeconds, 300 s in production)
  // applies, which is Naver's own advice to stop all calls for 5 minutes after a burst of 429s (2020-12-18 notice).
  if (status === 429 || code === TOO_MANY_CONNECTIONS || code === TOO_MANY_REQUESTS) {
    return { kind: 'rate_limited', message, traceId };
  }
  if (status >= 500 || code === MAINTENANCE) return { kind: 'transient', message, traceId };
  if (status === 401) return { kind: 'auth', message, traceId };
  if ((code !== undefined && NO_PERMISSION.has(code)) || status === 403)
    return { kind: 'permission', message, traceId };
  if ((code !== undefined && NOT_FOUND.has(code)) || status === 404) return { kind: 'not_found', message, traceId };
  return { kind: 'bad_request', message, traceId };
}
