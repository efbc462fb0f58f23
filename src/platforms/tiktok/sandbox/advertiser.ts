import type { SandboxAccount } from '../../../sandbox/generator';
import { formatAdvertiser } from './format';
import { jsonStringArray } from './params';
import { invalidParams, success, type TiktokReply } from './respond';

/** `GET advertiser/info/?advertiser_ids=["…"]` → data.list of advertisers (SDK AccountManagementApi.md). */
export function advertiserInfo(params: Record<string, string>, accounts: SandboxAccount[]): TiktokReply {
  const fields = jsonStringArray(params, 'fields', false);
  if (!fields.ok) return invalidParams(fields.message);
  return success({ list: accounts.map((a) => formatAdvertiser(a, fields.value)) });
}
