import type { ServerResponse } from 'node:http';
import { sendJson } from '../../../sandbox/http-util';

/**
 * Google Ads error responses (docs: developers.google.com/google-ads/api/docs/get-started/handle-errors; reference
 * §2.5): Google's status envelope with a GoogleAdsFailure in `details`. The HTTP code and gRPC status go together
 * (docs best-practices/understand-api-errors).
 */

export type GrpcStatus =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'UNIMPLEMENTED';

const HTTP_STATUS: Record<GrpcStatus, number> = {
  INVALID_ARGUMENT: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  RESOURCE_EXHAUSTED: 429,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
};

/** Google's generic headline per status; the specifics are in the GoogleAdsFailure. */
const HEADLINE: Record<GrpcStatus, string> = {
  INVALID_ARGUMENT: 'Request contains an invalid argument.',
  UNAUTHENTICATED:
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  PERMISSION_DENIED: 'The caller does not have permission',
  NOT_FOUND: 'Requested entity was not found.',
  RESOURCE_EXHAUSTED: 'Resource has been exhausted (e.g. check quota).',
  INTERNAL: 'Internal error encountered.',
  UNIMPLEMENTED: 'Operation is not implemented, or supported, or enabled.',
  UNAVAILABLE: 'The service is currently unavailable.',
};

export interface AdsError {
  /** errorCode family, e.g. quotaError, authenticationError, requestError, queryError. */
  family: string;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  location?: { fieldPathElements: Array<{ fieldName: string; index?: number }> };
}

export function newRequestId(): string {
  return Array.from(
    { length: 22 },
    () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 62)],
  ).join('');
}

/** The GoogleAdsFailure detail, typed with the API version the request used (v26 → ...googleads.v26.errors...). */
export function googleAdsFailure(version: string, errors: AdsError[], requestId: string) {
  return {
    '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`,
    errors: errors.map(({ family, code, ...rest }) => ({ errorCode: { [family]: code }, ...rest })),
    requestId,
  };
}

export function sendAdsError(res: ServerResponse, version: string, status: GrpcStatus, errors: AdsError[]): void {
  const requestId = newRequestId();
  const code = HTTP_STATUS[status];
  sendJson(
    res,
    code,
    { error: { code, message: HEADLINE[status], status, details: [googleAdsFailure(version, errors, requestId)] } },
    { 'request-id': requestId },
  );
}

/** Errors raised by Google's front end before the Ads API sees the request (bad JSON, unknown path): no failure. */
export function sendPlainError(res: ServerResponse, status: GrpcStatus, message: string): void {
  const code = HTTP_STATUS[status];
  sendJson(res, code, { error: { code, message, status } });
}
