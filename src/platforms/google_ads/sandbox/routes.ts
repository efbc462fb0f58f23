import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../../../sandbox/faults';
import { readBody, sendJson, sendRaw } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import { sendAdsError, sendPlainError, type AdsError } from './errors';
import { mutateBudgets } from './mutate';
import type { RequestScope } from './scope';
import { search, searchStream } from './search';
import type { GoogleAdsIndex } from './world-index';

/** Customer ids go in paths and headers as digits, without hyphens (reference §2.1). */
const CUSTOMER_ID = /^\d{10}$/;

/** Default quotaErrorDetails.retryDelay of a rate-limit fault; real ones say "60s" … "8962s" (reference §8 row 7). */
const DEFAULT_RETRY_DELAY_SECONDS = 1;

const PERMISSION_DENIED: AdsError = {
  family: 'authorizationError',
  code: 'USER_PERMISSION_DENIED',
  message:
    "User doesn't have permission to access customer. Note: If you're accessing a client customer, the manager's customer id must be set in the 'login-customer-id' header. See https://developers.google.com/google-ads/api/docs/concepts/call-structure#cid",
};

export async function handleGoogleAds(
  req: IncomingMessage,
  res: ServerResponse,
  segments: string[],
  state: SandboxState,
  index: GoogleAdsIndex,
  fault: FaultKind,
): Promise<void> {
  const [version, collection, customerId, method, ...rest] = segments;
  if (!version || !/^v\d+$/.test(version) || collection !== 'customers' || !customerId || !method || rest.length > 0) {
    return sendPlainError(res, 'NOT_FOUND', 'The requested URL was not found on this server.');
  }
  if (req.method !== 'POST') return sendPlainError(res, 'NOT_FOUND', `${req.method} is not served on this path.`);

  // Auth: OAuth2 bearer token (reference §2.1). The developer-token header was sunset on 2026-09-09: it is still
  // accepted but ignored (docs api-policy/developer-token), so the sandbox neither requires nor checks it.
  const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const authError = (code: string, message: string) =>
    sendAdsError(res, version, 'UNAUTHENTICATED', [{ family: 'authenticationError', code, message }]);
  if (!token) return authError('OAUTH_TOKEN_HEADER_INVALID', 'OAuth token HTTP header is malformed.'); // unverified
  if (state.faults.expiredTokens.includes(token))
    return authError('OAUTH_TOKEN_EXPIRED', 'OAuth token in the header has expired.');
  const grant = index.world?.grants.find((g) => g.token === token);
  if (!grant) return authError('OAUTH_TOKEN_INVALID', 'OAuth token in the header is not valid.');

  const loginHeader = req.headers['login-customer-id'];
  const login = Array.isArray(loginHeader) ? loginHeader[0] : loginHeader;
  if (!CUSTOMER_ID.test(customerId) || (login !== undefined && !CUSTOMER_ID.test(login))) {
    // Hyphenated or short ids (unverified exact code for the header case).
    return sendAdsError(res, version, 'INVALID_ARGUMENT', [
      { family: 'requestError', code: 'INVALID_CUSTOMER_ID', message: 'Customer ID is invalid (digits, no hyphens).' },
    ]);
  }
  const account = index.accounts.get(customerId);
  // Accounts reached through a manager need login-customer-id = that manager (reference §2.5, §8 row 8).
  const loginOk = grant.loginCustomerId ? login === grant.loginCustomerId : login === undefined || login === customerId;
  if (!account || !grant.accounts.includes(customerId) || !loginOk) {
    return sendAdsError(res, version, 'PERMISSION_DENIED', [PERMISSION_DENIED]);
  }

  if (fault === 'rate_limit') {
    const seconds = Number(index.world?.options?.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS);
    return sendAdsError(res, version, 'RESOURCE_EXHAUSTED', [
      {
        family: 'quotaError',
        code: 'RESOURCE_EXHAUSTED',
        message: `Too many requests. Retry in ${seconds} seconds.`,
        details: {
          quotaErrorDetails: {
            rateScope: 'DEVELOPER',
            rateName: 'Number of operations for basic access',
            retryDelay: `${seconds}s`,
          },
        },
      },
    ]);
  }
  if (fault === 'server_error') {
    return state.requestCount % 2 === 0
      ? sendAdsError(res, version, 'INTERNAL', [
          { family: 'internalError', code: 'INTERNAL_ERROR', message: 'An internal error has occurred.' },
        ])
      : sendAdsError(res, version, 'UNAVAILABLE', [
          { family: 'internalError', code: 'TRANSIENT_ERROR', message: 'The service is temporarily unavailable.' },
        ]);
  }

  let body: unknown;
  try {
    body = JSON.parse((await readBody(req)) || '{}');
  } catch {
    return sendPlainError(res, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unexpected token.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return sendPlainError(res, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Expected an object.');
  }
  const scope: RequestScope = {
    res,
    state,
    index,
    account,
    version,
    respond: (payload) =>
      fault === 'malformed' ? sendRaw(res, 200, JSON.stringify(malformed(payload))) : sendJson(res, 200, payload),
  };
  const params = body as Record<string, unknown>;
  if (method === 'googleAds:search') return search(scope, params);
  if (method === 'googleAds:searchStream') return searchStream(scope, params);
  if (method === 'campaignBudgets:mutate') return mutateBudgets(scope, params);
  return sendPlainError(res, 'NOT_FOUND', `The sandbox does not serve ${method}.`);
}

/**
 * A 200 body that breaks a documented field: metrics.costMicros not an int64 string, a budget amount as a bare
 * number, a currency code that is not a string, or no results array at all.
 */
function malformed(payload: unknown): unknown {
  const batch = (Array.isArray(payload) ? payload[0] : payload) as Record<string, unknown> | undefined;
  const rows = batch?.results;
  const first = Array.isArray(rows) ? (rows[0] as Record<string, Record<string, unknown>> | undefined) : undefined;
  if (first?.metrics) first.metrics.costMicros = 12.5;
  else if (first?.campaignBudget) first.campaignBudget.amountMicros = 120000000000;
  else if (first?.customer) first.customer.currencyCode = 410;
  else if (batch) batch.results = 'sandbox malformed body';
  return payload;
}
