import { isRecord, type ApiFailure } from '../../connectors/errors';
import { safeJson } from '../../connectors/json-body';

/**
 * Airbridge errors are problem documents (`{type, title, status, detail?, traceId}`, actuals-report page): 401 bad
 * token, 403 no access to the app, 404 unknown app or task, 400 a query it refuses (too many group-bys or metrics,
 * too long a range), 429 "excessive requests" with no stated wait, 5xx transient.
 */
export function classifyAirbridgeError(
  status: number,
  text: string,
  headers: Record<string, string | undefined>,
): ApiFailure {
  const body = safeJson(text);
  const problem = isRecord(body) ? body : {};
  const detail =
    typeof problem.detail === 'string'
      ? problem.detail
      : typeof problem.title === 'string'
        ? problem.title
        : `HTTP ${status}`;
  const traceId = typeof problem.traceId === 'string' ? problem.traceId : undefined;
  const message = `${detail} (HTTP ${status})`;
  const failure = (kind: ApiFailure['kind']): ApiFailure => ({ kind, message, ...(traceId ? { traceId } : {}) });
  if (status === 429) {
    const seconds = Number(headers['retry-after']);
    return {
      ...failure('rate_limited'),
      ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {}),
    };
  }
  if (status === 401) return failure('auth');
  if (status === 403) return failure('permission');
  if (status === 404) return failure('not_found');
  if (status >= 500) return failure('transient');
  return failure('bad_request');
}
