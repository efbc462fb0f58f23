import type { ConnectorContext, RawExchange } from '../../../connectors/connector';
import { redactSecret } from '../../../connectors/credentials';
import { send, type HttpExchange, type RequestPolicy } from '../../../connectors/http-client';

export interface TiktokCall {
  response: HttpExchange;
  exchange: RawExchange;
}

/**
 * Calls below /open_api/{version}/ with the `Access-Token` header on every call (reference §5.1): a header keeps the
 * token out of stored URLs. GETs carry query params, POSTs a JSON body (reference §5.4).
 */
export function tiktokClient(ctx: ConnectorContext) {
  const accessToken = ctx.credential('accessToken');
  const root = `${ctx.baseUrl.replace(/\/$/, '')}/open_api/${ctx.settings.apiVersion ?? 'v1.3'}`;
  const headers = { 'Access-Token': accessToken };

  async function call(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
    policy: RequestPolicy,
    json?: string,
  ): Promise<TiktokCall> {
    const url = `${root}/${path}/`; // TikTok paths end with a slash
    const response = await send(
      json === undefined
        ? { method, url, params, headers }
        : { method, url, headers: { ...headers, 'Content-Type': 'application/json' }, data: json },
      policy,
    );
    const text = redactSecret(response.text, accessToken);
    return { response, exchange: { request: { method, url, params }, status: response.status, body: text } };
  }

  return {
    get: (path: string, params: Record<string, string>, policy: RequestPolicy) => call('GET', path, params, policy),
    /** `params` is what the stored exchange shows of the JSON body `json`. */
    post: (path: string, json: string, params: Record<string, string>, policy: RequestPolicy) =>
      call('POST', path, params, policy, json),
  };
}
