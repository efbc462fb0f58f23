import type { ServerResponse } from 'node:http';
import { sendJson, sendRaw } from '../../../sandbox/http-util';

export interface MetaError {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
}

/** Graph error envelope (docs graph-api/guides/error-handling). */
export function sendMetaError(
  res: ServerResponse,
  status: number,
  error: MetaError,
  headers: Record<string, string> = {},
) {
  const fbtrace_id = `Sbx${Math.random().toString(36).slice(2, 12)}`;
  sendJson(res, status, { error: { ...error, fbtrace_id } }, headers);
}

/** A body that parses but breaks the contract: a row's spend is not a number, or the data array is missing. */
export function sendMalformed(res: ServerResponse, payload: Record<string, unknown>, headers: Record<string, string>) {
  const data = payload.data;
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === 'object' && data[0] !== null && 'spend' in data[0]) {
    const broken = [{ ...(data[0] as object), spend: 'N/A' }, ...data.slice(1)];
    return sendRaw(res, 200, JSON.stringify({ ...payload, data: broken }), headers);
  }
  const { data: _drop, ...rest } = payload;
  return sendRaw(res, 200, JSON.stringify({ ...rest, result: 'sandbox malformed body' }), headers);
}
