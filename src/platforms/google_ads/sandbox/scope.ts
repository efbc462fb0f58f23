import type { ServerResponse } from 'node:http';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import type { GoogleAdsIndex } from './world-index';

/** One authenticated request for one customer: what every Google Ads sandbox service handler works within. */
export interface RequestScope {
  res: ServerResponse;
  state: SandboxState;
  index: GoogleAdsIndex;
  account: SandboxAccount;
  version: string;
  respond: (payload: unknown) => void;
}
