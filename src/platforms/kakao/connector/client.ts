import type { ConnectorContext, RawExchange } from '../../../connectors/connector';
import { redactSecret } from '../../../connectors/credentials';
import { send, type HttpExchange, type RequestPolicy } from '../../../connectors/http-client';

export interface KakaoCall {
  response: HttpExchange;
  exchange: RawExchange;
}

/**
 * Calls to Kakao Moment openapi/{version} for one ad account: the business token as Bearer and the adAccountId header
 * on every call (reference §4.1), so neither the stored URL nor the params ever hold the secret.
 */
export function kakaoClient(ctx: ConnectorContext) {
  const accessToken = ctx.credential('accessToken');
  const root = `${ctx.baseUrl.replace(/\/$/, '')}/openapi/${ctx.settings.apiVersion ?? 'v4'}`;
  const headers = { Authorization: `Bearer ${accessToken}`, adAccountId: ctx.account.accountId };

  return async function call(
    method: 'GET' | 'PUT',
    path: string,
    params: Record<string, string>,
    policy: RequestPolicy,
    json?: unknown,
  ): Promise<KakaoCall> {
    const url = `${root}/${path}`;
    const response = await send(
      json === undefined
        ? { method, url, params, headers }
        : {
            method,
            url,
            params,
            headers: { ...headers, 'Content-Type': 'application/json' },
            data: JSON.stringify(json),
          },
      policy,
    );
    const exchange = {
      request: { method, url, params: json === undefined ? params : { ...params, ...flat(json) } },
      status: response.status,
      body: redactSecret(response.text, accessToken),
    };
    return { response, exchange };
  };
}

/** A JSON request body as the flat string params a stored exchange keeps. */
function flat(json: unknown): Record<string, string> {
  if (typeof json !== 'object' || json === null) return {};
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
