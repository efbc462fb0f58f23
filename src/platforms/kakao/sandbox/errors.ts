import type { ServerResponse } from 'node:http';
import { sendJson } from '../../../sandbox/http-util';

/**
 * Kakao error envelope `{code, msg, extras: {detailCode, detailMsg}}` (docs kakaomoment/error-code;
 * devtalk 117170 shows `"extras":{}` when there is no detail).
 */
export function sendKakaoError(
  res: ServerResponse,
  status: number,
  code: number,
  msg: string,
  extras: { detailCode?: number; detailMsg?: string } = {},
) {
  sendJson(res, status, { code, msg, extras });
}

/** -2 (HTTP 400): invalid parameters (docs rest-api/error-code). */
export const badParam = (res: ServerResponse, detail: string) =>
  sendKakaoError(res, 400, -2, `invalid parameter: ${detail}`);

/** -813 (HTTP 400): Kakao Moment business error, the reason in extras.detailCode (docs kakaomoment/error-code). */
export const businessError = (res: ServerResponse, detailCode: number, detailMsg: string) =>
  sendKakaoError(res, 400, -813, 'KakaoMomentException', { detailCode, detailMsg });

/**
 * -813 with HTTP 429: quota exceeded (docs kakaomoment/error-code), which is also how the sandbox answers a report
 * call inside the 5-second window. Unverified: Kakao does not document which code that case returns.
 */
export const quotaExceeded = (res: ServerResponse, detailMsg: string) =>
  sendKakaoError(res, 429, -813, 'KakaoMomentException', { detailMsg });
