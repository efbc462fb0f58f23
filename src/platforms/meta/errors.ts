import { isRecord, type ApiFailure } from '../../connectors/errors';

const THROTTLE_CODES = new Set([4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);

/**
 * Meta error envelope → how to treat it. Codes: docs graph-api/guides/error-handling,
 * marketing-api/insights/error-codes, marketing-api/overview/rate-limiting; Airbyte test_errors.py.
 */
export function classifyMetaError(
  status: number,
  body: unknown,
  headers: Record<string, string | undefined>,
): ApiFailure {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'number' ? error.code : undefined;
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  const traceId = typeof error.fbtrace_id === 'string' ? error.fbtrace_id : undefined;
  const text = typeof error.message === 'string' ? error.message : `HTTP ${status}`;
  const message = `${text} (code ${code ?? '?'}${subcode ? `/${subcode}` : ''})`;

  if (code === 190 || code === 102 || code === 104) return { kind: 'auth', message, traceId };
  if (code !== undefined && THROTTLE_CODES.has(code)) {
    return { kind: 'rate_limited', message, traceId, retryAfterMs: metaRegainAccessMs(headers) };
  }
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
    return { kind: 'permission', message, traceId };
  if (code === 100 && subcode === 33) return { kind: 'permission', message, traceId };
  if (code === 1 || code === 2 || error.is_transient === true || status >= 500)
    return { kind: 'transient', message, traceId };
  return { kind: 'bad_request', message, traceId };
}

/**
 * The longest `estimated_time_to_regain_access` (MINUTES, per Meta's v4.0 changelog and Airbyte api.py) in the
 * business-use-case usage header, in ms. Undefined when the platform gave no estimate.
 */
export function metaRegainAccessMs(headers: Record<string, string | undefined>): number | undefined {
  const raw = headers['x-business-use-case-usage'];
  if (!raw) return undefined;
  try {
    const usage = JSON.parse(raw) as Record<string, Array<{ estimated_time_to_regain_access?: number }>>;
    const minutes = Object.values(usage)
      .flat()
      .map((u) => u.estimated_time_to_regain_access ?? 0);
    return minutes.length > 0 ? Math.max(...minutes) * 60_000 : undefined;
  } catch {
    return undefined;
  }
}
