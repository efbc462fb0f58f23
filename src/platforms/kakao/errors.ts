import { isRecord, type ApiFailure } from '../../connectors/errors';
import { KAKAO_DELETED_DETAIL_CODES, KAKAO_NO_PERMISSION_DETAIL_CODE } from './wire';

export interface KakaoErrorContext {
  /** The per-ad-account report spacing (5 s live): how long to wait after a quota rejection. */
  reportIntervalMs: number;
}

/** The Kakao error envelope `{code, msg, extras: {detailCode, detailMsg}}` (docs kakaomoment/error-code). */
export interface KakaoErrorBody {
  code?: number;
  msg?: string;
  detailCode?: number;
  detailMsg?: string;
}

export function readKakaoError(body: unknown): KakaoErrorBody {
  if (!isRecord(body)) return {};
  const extras = isRecord(body.extras) ? body.extras : {};
  return {
    code: typeof body.code === 'number' ? body.code : undefined,
    msg: typeof body.msg === 'string' ? body.msg : undefined,
    detailCode: typeof extras.detailCode === 'number' ? extras.detailCode : undefined,
    detailMsg: typeof extras.detailMsg === 'string' ? extras.detailMsg : undefined,
  };
}

/**
 * Kakao error → how to treat it. Codes from docs kakaomoment/error-code and rest-api/error-code (reference §4.4):
 * -401 invalid/expired token; -402 missing business consent, -5 no API permission, -12 app suspended (403);
 * -813 + 429 quota; -10 call count exceeded; -813 + 400 business error (extras.detailCode); -2 bad parameters.
 */
export function classifyKakaoError(status: number, body: unknown, ctx: KakaoErrorContext): ApiFailure {
  const error = readKakaoError(body);
  const detail =
    error.detailCode !== undefined ? ` detail ${error.detailCode}: ${error.detailMsg ?? ''}`.trimEnd() : '';
  const message = `${error.msg ?? `HTTP ${status}`} (code ${error.code ?? '?'}, HTTP ${status}${detail ? `,${detail}` : ''})`;
  const code = error.code;

  if (code === -401 || status === 401) return { kind: 'auth', message };
  // -813 with HTTP 429 is the quota signal, including the 5-second report rule; Kakao gives no wait, so the
  // documented spacing is the delay (docs kakaomoment/report: "one call per 5 seconds").
  if (status === 429) return { kind: 'rate_limited', message, retryAfterMs: ctx.reportIntervalMs };
  // -10: allowed call count exceeded (devtalk 117170); no documented window, the engine's back-off floor applies.
  if (code === -10) return { kind: 'rate_limited', message };
  if (code === -402 || code === -5 || code === -12 || status === 403) return { kind: 'permission', message };
  if (code === -813 && error.detailCode === KAKAO_NO_PERMISSION_DETAIL_CODE) return { kind: 'permission', message };
  if (code === -813 && error.detailCode !== undefined && KAKAO_DELETED_DETAIL_CODES.has(error.detailCode)) {
    return { kind: 'not_found', message };
  }
  if (status >= 500) return { kind: 'transient', message };
  if (status === 404) return { kind: 'not_found', message };
  return { kind: 'bad_request', message };
}

/**
 * Whether a response is a failure. Kakao fails with HTTP status codes; a 2xx body that nevertheless carries a
 * negative `code` is treated as a failure too (defensive, unverified: not seen in the reference).
 */
export function kakaoFailure(status: number, body: unknown, ctx: KakaoErrorContext): ApiFailure | null {
  if (status >= 200 && status < 300) {
    const { code } = readKakaoError(body);
    return code !== undefined && code < 0 ? classifyKakaoError(400, body, ctx) : null;
  }
  return classifyKakaoError(status, body, ctx);
}
