import type { ConnectorContext, RawExchange } from '../../../connectors/connector';
import { redactSecret } from '../../../connectors/credentials';
import { send, type RequestPolicy } from '../../../connectors/http-client';
import { jsonBodyOf } from '../../../connectors/json-body';

export interface GraphResponse {
  body: unknown;
  exchange: RawExchange;
}

/**
 * Graph API calls for one ad account's connector: the version root from settings, the token in the Authorization
 * header (Graph API standard, reference §1.1) so it is never part of a URL we store or log, and bodies redacted.
 */
export function metaGraph(ctx: ConnectorContext, classify: RequestPolicy['classify']) {
  const accessToken = ctx.credential('accessToken');
  const root = `${ctx.baseUrl.replace(/\/$/, '')}/${ctx.settings.apiVersion ?? 'v23.0'}`;
  const policy: RequestPolicy = { ...ctx.policy, classify };
  const headers = { Authorization: `Bearer ${accessToken}` };

  async function call(method: 'GET' | 'POST', path: string, params: Record<string, string>): Promise<GraphResponse> {
    const url = `${root}/${path}`;
    // Updates are form posts (reference §1.7); reads carry their fields in the query.
    const response =
      method === 'GET'
        ? await send({ method, url, params, headers }, policy)
        : await send(
            {
              method,
              url,
              headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
              data: new URLSearchParams(params).toString(),
            },
            policy,
          );
    const body = jsonBodyOf(response);
    const text = redactSecret(response.text, accessToken);
    return { body, exchange: { request: { method, url, params }, status: response.status, body: text } };
  }

  return {
    get: (path: string, params: Record<string, string>) => call('GET', path, params),
    post: (path: string, params: Record<string, string>) => call('POST', path, params),
  };
}
