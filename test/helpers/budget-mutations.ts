import type { Platform } from '../../src/domain/platforms';
import { naverAuthHeaders } from '../../src/platforms/naver/signature';

/**
 * One daily-budget change per platform, sent the way the platform takes it (reference §1.7, §2.6, §3.5, §4.5, §5.4),
 * for the KRW accounts of config/sandbox.yaml. `micros` is the new daily budget; answers the HTTP status and body.
 */
export const BUDGET_ACCOUNTS: Record<Platform, string> = {
  meta: 'act_100200300',
  google_ads: '1234567890',
  naver: '1234567',
  kakao: '10000',
  tiktok: '7000000000000000001',
};

const NAVER_CREDENTIALS = {
  apiKey: 'sbx-naver-license-01000000009f',
  secretKey: 'sbx-naver-secret-AQAAAADm2x',
  customerId: '1234567',
};

export async function setBudget(
  base: string,
  platform: Platform,
  holder: { holderId: string; level: string },
  micros: bigint,
): Promise<{ status: number; body: unknown }> {
  const won = Number(micros / 1_000_000n); // every account here is KRW: whole won
  const json = (body: unknown) => JSON.stringify(body);
  let res: Response;
  if (platform === 'meta') {
    res = await fetch(`${base}/meta/v23.0/${holder.holderId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ daily_budget: String(won), access_token: 'sbx-meta-agency-7f3a9c' }).toString(),
    });
  } else if (platform === 'google_ads') {
    res = await fetch(`${base}/google_ads/v26/customers/${BUDGET_ACCOUNTS.google_ads}/campaignBudgets:mutate`, {
      method: 'POST',
      headers: { authorization: 'Bearer sbx-google-oauth-ya29-5d7e1c', 'login-customer-id': '1112223333' },
      body: json({
        operations: [
          { updateMask: 'amountMicros', update: { resourceName: holder.holderId, amountMicros: micros.toString() } },
        ],
      }),
    });
  } else if (platform === 'naver') {
    const noun = holder.level === 'campaign' ? 'campaigns' : 'adgroups';
    const idField = holder.level === 'campaign' ? 'nccCampaignId' : 'nccAdgroupId';
    const uri = `/ncc/${noun}/${holder.holderId}`;
    res = await fetch(`${base}/naver${uri}?fields=budget`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...naverAuthHeaders(NAVER_CREDENTIALS, 'PUT', uri) },
      body: json({ [idField]: holder.holderId, customerId: 1234567, useDailyBudget: true, dailyBudget: won }),
    });
  } else if (platform === 'kakao') {
    const noun = holder.level === 'campaign' ? 'campaigns' : 'adGroups';
    res = await fetch(`${base}/kakao/openapi/v4/${noun}/dailyBudgetAmount`, {
      method: 'PUT',
      headers: { authorization: 'Bearer sbx-kakao-business-8c2f11', adAccountId: BUDGET_ACCOUNTS.kakao },
      body: json({ id: Number(holder.holderId), dailyBudgetAmount: won }),
    });
  } else {
    const path = holder.level === 'campaign' ? 'campaign/update' : 'adgroup/update';
    const idField = holder.level === 'campaign' ? 'campaign_id' : 'adgroup_id';
    res = await fetch(`${base}/tiktok/open_api/v1.3/${path}/`, {
      method: 'POST',
      headers: { 'access-token': 'sbx-tiktok-access-4be93a', 'content-type': 'application/json' },
      body: json({ advertiser_id: BUDGET_ACCOUNTS.tiktok, [idField]: holder.holderId, budget: won }),
    });
  }
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}
