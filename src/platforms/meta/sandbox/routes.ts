import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../../../sandbox/faults';
import { parseBodyParams, readBody, sendJson } from '../../../sandbox/http-util';
import type { SandboxState } from '../../../sandbox/state';
import { updateBudget } from './budget';
import { sendMalformed, sendMetaError } from './errors';
import { accountNode, fieldSet, formatAdSet, formatCampaign } from './format';
import { insights } from './insights';
import type { SandboxCampaign } from './data';
import { currentBudget, type MetaIndex } from './lookup';
import { page } from './paging';
import { recordUsage } from './usage';

export async function handleMeta(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  segments: string[],
  state: SandboxState,
  index: MetaIndex,
  fault: FaultKind,
): Promise<void> {
  const [version, node, edge, ...rest] = segments;
  if (!version || !/^v\d+\.\d+$/.test(version) || !node || rest.length > 0) {
    return sendMetaError(res, 400, { message: 'Unknown path components', type: 'OAuthException', code: 2500 });
  }
  const body = req.method === 'POST' ? parseBodyParams(await readBody(req), req.headers['content-type']) : {};
  const params = { ...Object.fromEntries(url.searchParams), ...body };

  // Auth: Authorization: Bearer, or access_token in the query or form (Graph API standard).
  const bearer = req.headers.authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  const token = bearer ?? params.access_token;
  if (!token) {
    return sendMetaError(res, 400, {
      message: 'An access token is required to request this resource.',
      type: 'OAuthException',
      code: 104,
    });
  }
  const grant = state.world.meta.grants.find((t) => t.token === token);
  if (!grant) {
    return sendMetaError(res, 400, {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
  }
  if (state.faults.expiredTokens.includes(token)) {
    return sendMetaError(res, 400, {
      message: 'Error validating access token: Session has expired on Friday, 20-Nov-26 09:00:00 PST.',
      type: 'OAuthException',
      code: 190,
      error_subcode: 463,
    });
  }

  const account = node.startsWith('act_') ? index.accounts.get(node) : index.campaignOwner.get(node);
  if (!account || !grant.accounts.includes(account.id)) {
    return sendMetaError(res, 400, {
      message: `Unsupported ${req.method === 'POST' ? 'post' : 'get'} request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
  }

  const usageHeaders = recordUsage(state, account, fault === 'rate_limit');
  if (fault === 'rate_limit' || usageHeaders.throttled) {
    // Ads Insights BUC throttle: HTTP 400, code 80000, subcode 2446079 (Airbyte test_errors.py).
    return sendMetaError(
      res,
      400,
      {
        message:
          '(#80000) There have been too many calls from this ad-account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting#ads-insights.',
        type: 'OAuthException',
        code: 80000,
        error_subcode: 2446079,
      },
      usageHeaders.headers,
    );
  }
  if (fault === 'server_error') {
    return state.requestCount % 2 === 0
      ? sendMetaError(res, 500, {
          message: 'An unknown error occurred',
          type: 'OAuthException',
          code: 1,
          error_subcode: 99,
          is_transient: true,
        })
      : sendMetaError(res, 503, {
          message: 'An unexpected error has occurred. Please retry your request later.',
          type: 'OAuthException',
          code: 2,
          is_transient: true,
        });
  }

  const respond = (payload: Record<string, unknown>) => {
    if (fault === 'malformed') return sendMalformed(res, payload, usageHeaders.headers);
    sendJson(res, 200, payload, usageHeaders.headers);
  };

  if (node.startsWith('act_') && !edge && req.method === 'GET') return respond(accountNode(account, params.fields));
  if (node.startsWith('act_') && edge === 'campaigns' && req.method === 'GET') {
    return listCampaigns(token, res, url, params, state, index.campaignsOf(account), respond);
  }
  if (node.startsWith('act_') && edge === 'adsets' && req.method === 'GET') {
    const fields = fieldSet(params.fields, ['id']);
    const rows = index
      .campaignsOf(account)
      .flatMap((c) => index.adSetsOf(account, c).map((a) => formatAdSet(a, c, currentBudget(state, a), fields)));
    return page(token, res, url, params, rows, respond, 25);
  }
  if (node.startsWith('act_') && edge === 'insights' && req.method === 'GET') {
    return insights(token, res, url, params, state, account, index, respond);
  }
  const adSetNode = index.adSetNodes.get(node);
  if (adSetNode && !edge) {
    const { adSet, campaign } = adSetNode;
    if (req.method === 'GET') {
      return respond(formatAdSet(adSet, campaign, currentBudget(state, adSet), fieldSet(params.fields, ['id'])));
    }
    if (req.method === 'POST') {
      const cbo = 'This ad set belongs to a campaign with campaign budget optimization; change the campaign budget.';
      return updateBudget(res, params, state, account, adSet, 'adset', cbo, usageHeaders.headers);
    }
  }
  if (!node.startsWith('act_') && !edge) {
    const campaign = index.campaignsOf(account).find((c) => c.id === node);
    if (!campaign)
      return sendMetaError(res, 400, { message: 'Object not found', type: 'GraphMethodException', code: 100 });
    if (req.method === 'GET') {
      return respond(formatCampaign(campaign, currentBudget(state, campaign), fieldSet(params.fields, ['id', 'name'])));
    }
    if (req.method === 'POST') {
      const abo = 'This campaign does not use campaign budget optimization; set budgets on its ad sets.';
      return updateBudget(res, params, state, account, campaign, 'campaign', abo, usageHeaders.headers);
    }
  }
  return sendMetaError(res, 400, {
    message: `Unsupported request: ${req.method} ${url.pathname}`,
    type: 'GraphMethodException',
    code: 100,
  });
}

function listCampaigns(
  token: string,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
  state: SandboxState,
  campaigns: SandboxCampaign[],
  respond: (p: Record<string, unknown>) => void,
) {
  const fields = fieldSet(params.fields, ['id']);
  const rows = campaigns.map((c) => formatCampaign(c, currentBudget(state, c), fields));
  page(token, res, url, params, rows, respond, 25);
}
