import type { ApiFailureKind } from '../../connectors/errors';

/**
 * TikTok's envelope `code` values (errors arrive as HTTP 200 with code ≠ 0, reference §5.3). Only 0, 40100 and 50000
 * are backed by Airbyte's connector; every other meaning is unverified (community tables disagree), so they all live
 * in this one table for the classifier (the sandbox states its own in sandbox/api-facts.ts).
 */
export const TIKTOK_CODES = {
  ok: 0,
  /** unverified: token valid, but no permission on this advertiser. */
  noPermission: 40001,
  /** unverified: invalid request parameters (also used for a report span longer than the maximum). */
  invalidParams: 40002,
  /** QPS/QPM/QPD limit exceeded (Airbyte manifest error_handler → RATE_LIMITED). */
  rateLimited: 40100,
  /** unverified: invalid app id / secret. */
  invalidApp: 40101,
  /** unverified: access token expired. */
  tokenExpired: 40102,
  /** unverified: no Access-Token header. */
  tokenMissing: 40104,
  /** unverified: access token invalid or expired (the sandbox answers expired tokens with this one). */
  tokenInvalid: 40105,
  /** unverified: invalid auth code. */
  invalidAuthCode: 40110,
  /** System error, retried successfully by Airbyte (test_service_error_retry.py). */
  systemError: 50000,
  /** unverified: service unavailable. */
  serviceUnavailable: 50002,
} as const;

/** How each known code is treated. Unknown codes: 5xxxx transient, 401xx auth, anything else a bad request. */
export const TIKTOK_CODE_KINDS: ReadonlyMap<number, ApiFailureKind> = new Map<number, ApiFailureKind>([
  [TIKTOK_CODES.noPermission, 'permission'],
  [TIKTOK_CODES.invalidParams, 'bad_request'],
  [TIKTOK_CODES.rateLimited, 'rate_limited'],
  [TIKTOK_CODES.invalidApp, 'auth'],
  [TIKTOK_CODES.tokenExpired, 'auth'],
  [TIKTOK_CODES.tokenMissing, 'auth'],
  [TIKTOK_CODES.tokenInvalid, 'auth'],
  [TIKTOK_CODES.invalidAuthCode, 'auth'],
  [TIKTOK_CODES.systemError, 'transient'],
  [TIKTOK_CODES.serviceUnavailable, 'transient'],
]);
