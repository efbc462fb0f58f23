import type { ServerResponse } from 'node:http';
import type { SandboxAccount } from '../../../sandbox/generator';
import type { SandboxState } from '../../../sandbox/state';
import type { NaverIndex } from './lookup';

/** One authenticated request as the handlers see it: where to answer, the sandbox, the caller and its 200 answer. */
export interface NaverCall {
  res: ServerResponse;
  state: SandboxState;
  account: SandboxAccount;
  index: NaverIndex;
  respond: (payload: unknown) => void;
}
