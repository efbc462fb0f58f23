import { classifyNaverError, type NaverApiFailure } from '../errors';
import { naverAuthHeaders, type NaverCredentials } from '../signature';
import type { RefusalReader } from '../../../connectors/budget-refusal';
import type { RawExchange } from '../../../connectors/connector';
import { redactSecret } from '../../../connectors/credentials';
import { ApiCallError, send, type RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf, safeJson } from '../../../connectors/json-body';

export interface NaverResponse {
  body: unknown;
  exchange: RawExchange;
}

export type NaverCall = (
  method: 'GET' | 'PUT',
  path: string,
  params: Record<string, string>,
  json?: unknown,
) => Promise<NaverResponse>;

/**
 * Signed calls to the Naver Search Ad API. Every request is signed just before it is sent (reference §3.1);
 * the secret key never leaves this closure, and the API key is only ever in headers and redacted from bodies
 * (Naver's auth errors echo it back).
 */
export function naverClient(
  baseUrl: string,
  credentials: NaverCredentials,
  requestPolicy: Omit<RequestPolicy, 'classify'>,
  /** Error answers the caller reads itself (budget refusals) instead of failing the call. */
  refusals?: RefusalReader,
): NaverCall {
  const root = baseUrl.replace(/\/$/, '');
  const policy: RequestPolicy = {
    ...requestPolicy,
    classify: (exchange) => {
      if (exchange.status >= 200 && exchange.status < 300) return null;
      const body = safeJson(exchange.text);
      if (refusals?.(exchange.status, body)) return null;
      const failure = classifyNaverError(exchange.status, body, exchange.headers);
      // send() would replay the same (stale) headers; leave it at once so the caller signs a fresh request.
      return failure.staleTimestamp ? { ...failure, kind: 'bad_request' } : failure;
    },
  };
  const redact = (text: string) => redactSecret(redactSecret(text, credentials.apiKey), credentials.secretKey);

  return async (method, path, params, json) => {
    const url = `${root}${path}`;
    for (let signing = 1; ; signing += 1) {
      // The signature covers the API path only (no query, no proxy/sandbox prefix): e.g. "{ts}.GET./stats".
      const headers = naverAuthHeaders(credentials, method, path, Date.now());
      if (json !== undefined) headers['Content-Type'] = 'application/json; charset=UTF-8';
      try {
        const response = await send(
          { method, url, params, headers, data: json === undefined ? undefined : JSON.stringify(json) },
          policy,
        );
        const body = jsonBodyOf(response);
        return {
          body,
          exchange: { request: { method, url, params }, status: response.status, body: redact(response.text) },
        };
      } catch (err) {
        const failure = err instanceof ApiCallError ? (err.failure as NaverApiFailure) : undefined;
        if (!failure?.staleTimestamp) throw err;
        // Signed in time but checked too late (slow send, in-attempt retry): one fresh signature normally fixes it.
        if (signing < 2) continue;
        // Twice in a row: the worker clock is off. Retryable, so another attempt (maybe another worker) can succeed.
        throw new ApiCallError({ kind: 'transient', message: failure.message, traceId: failure.traceId });
      }
    }
  };
}
