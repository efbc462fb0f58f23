import type { ConnectorContext, RawExchange } from '../../../connectors/connector';
import { redactSecret } from '../../../connectors/credentials';
import { send, type HttpExchange, type RequestPolicy } from '../../../connectors/http-client';

export interface GoogleAdsCall {
  response: HttpExchange;
  exchange: RawExchange;
}

/**
 * POSTs to one customer's Google Ads REST resources (`customers/{cid}/...`) with the account's auth headers (reference
 * §2.1): OAuth bearer token, the developer token only when the account config names one (sunset 2026-09-09, still
 * accepted but ignored), login-customer-id (the manager, digits only, not a secret). Secrets are redacted from bodies.
 */
export function googleAdsClient(ctx: ConnectorContext) {
  const { account, settings } = ctx;
  const accessToken = ctx.credential('accessToken');
  const developerToken = account.credentials.developerToken ? ctx.credential('developerToken') : undefined;
  const customerRoot = `${ctx.baseUrl.replace(/\/$/, '')}/${settings.apiVersion ?? 'v26'}/customers/${account.accountId}`;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${accessToken}`,
    'Content-Type': 'application/json',
    ...(developerToken ? { 'developer-token': developerToken } : {}),
    ...(account.loginCustomerId ? { 'login-customer-id': account.loginCustomerId } : {}),
  };
  const redact = (text: string) => {
    const once = redactSecret(text, accessToken);
    return developerToken ? redactSecret(once, developerToken) : once;
  };

  /** `params` is what the stored exchange shows of the request body (flat strings, as raw_pulls keeps requests). */
  async function post(
    resource: string,
    body: unknown,
    params: Record<string, string>,
    classify: RequestPolicy['classify'],
  ): Promise<GoogleAdsCall> {
    const url = `${customerRoot}/${resource}`;
    const response = await send(
      { method: 'POST', url, headers, data: JSON.stringify(body) },
      { ...ctx.policy, classify },
    );
    return {
      response,
      exchange: { request: { method: 'POST', url, params }, status: response.status, body: redact(response.text) },
    };
  }

  return { post };
}
