import { isRecord, type ApiFailure, type ApiFailureKind } from '../../connectors/errors';
import { TIKTOK_CODE_KINDS, TIKTOK_CODES } from './codes';

/**
 * A TikTok response → how to treat it, or null for success. TikTok reports most failures as HTTP 200 with
 * `code ≠ 0`, so the code is always checked, not only the status (reference §5.3, §8 row 15). TikTok gives no
 * retry delay, so rate limits carry none and the engine's configured floor applies. request_id is the trace id.
 */
export function classifyTiktokResponse(status: number, body: unknown): ApiFailure | null {
  const envelope = isRecord(body) ? body : {};
  const code = typeof envelope.code === 'number' ? envelope.code : undefined;
  const traceId = typeof envelope.request_id === 'string' && envelope.request_id ? envelope.request_id : undefined;
  const text = typeof envelope.message === 'string' && envelope.message ? envelope.message : undefined;
  const message =
    code !== undefined
      ? `${text ?? 'no message'} (code ${code})`
      : text
        ? `${text} (HTTP ${status})`
        : `HTTP ${status}`;

  if (status >= 500) return { kind: 'transient', message, traceId };
  if (status === 429) return { kind: 'rate_limited', message, traceId };
  if (status === 401) return { kind: 'auth', message, traceId };
  if (status === 403) return { kind: 'permission', message, traceId };
  if (status === 404) return { kind: 'not_found', message, traceId };
  if (status >= 400) return { kind: 'bad_request', message, traceId };
  // HTTP 2xx without a numeric code: not a failure envelope; the parser names what is missing.
  if (code === undefined || code === TIKTOK_CODES.ok) return null;
  return { kind: tiktokCodeKind(code, text ?? ''), message, traceId };
}

/** The table in codes.ts, plus fallbacks by code family for codes it does not list. */
export function tiktokCodeKind(code: number, message: string): ApiFailureKind {
  // Some third-party tables call 40100 an auth failure; the message text breaks the tie (reference §5.3, unverified).
  if (
    code === TIKTOK_CODES.rateLimited &&
    /token|unauthori[sz]ed/i.test(message) &&
    !/limit|frequen|too many|QP[SMD]/i.test(message)
  ) {
    return 'auth';
  }
  const known = TIKTOK_CODE_KINDS.get(code);
  if (known) return known;
  if (code >= 50000 && code < 60000) return 'transient';
  if (code >= 40100 && code < 40200) return 'auth';
  return 'bad_request';
}
