import { isRecord, type ApiFailure } from '../../connectors/errors';
import { safeJson } from '../../connectors/json-body';

/**
 * Adjust Report Service statuses (dev.adjust.com/en/api/rs-api/reports, "Response codes"): 400 bad request, 401
 * bad or missing token, 403 no permission, 429 past the per-IP rate (rate-limits page: no wait is given, so the
 * back-off floor applies unless a Retry-After header says more), 503 and 504 transient.
 */
export function classifyAdjustError(
  status: number,
  text: string,
  headers: Record<string, string | undefined>,
): ApiFailure {
  const body = safeJson(text);
  const detail =
    isRecord(body) && typeof body.error === 'string'
      ? body.error
      : isRecord(body) && typeof body.detail === 'string'
        ? body.detail
        : text.trim().slice(0, 200) || `HTTP ${status}`;
  const message = `${detail} (HTTP ${status})`;
  if (status === 429) {
    const seconds = Number(headers['retry-after']);
    return {
      kind: 'rate_limited',
      message,
      ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  if (status === 401) return { kind: 'auth', message };
  if (status === 403) return { kind: 'permission', message };
  if (status === 404) return { kind: 'not_found', message };
  if (status >= 500) return { kind: 'transient', message };
  return { kind: 'bad_request', message };
}
