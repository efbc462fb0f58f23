import type { ServerResponse } from 'node:http';
import { TIKTOK_CODES } from './api-facts';
import { sendJson, sendRaw } from '../../../sandbox/http-util';

/** What an endpoint answers: data for code 0, or a TikTok error code and message. */
export type TiktokReply = { ok: true; data: Record<string, unknown> } | { ok: false; code: number; message: string };

export const success = (data: Record<string, unknown>): TiktokReply => ({ ok: true, data });
export const failure = (code: number, message: string): TiktokReply => ({ ok: false, code, message });
export const invalidParams = (message: string): TiktokReply => failure(TIKTOK_CODES.invalidParams, message);

/** request_id like TikTok's: a timestamp followed by random hex (reference §5.2 example). */
export function requestId(): string {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const random = Array.from({ length: 18 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${stamp}${random}`.toUpperCase();
}

/**
 * Every answer is HTTP 200 with `{code, message, request_id, data}`; failures only differ in `code`
 * (reference §5.3: "Errors come back as HTTP 200 with code ≠ 0").
 */
export function sendEnvelope(res: ServerResponse, reply: TiktokReply): void {
  const request_id = requestId();
  if (reply.ok) return sendJson(res, 200, { code: TIKTOK_CODES.ok, message: 'OK', request_id, data: reply.data });
  sendJson(res, 200, { code: reply.code, message: reply.message, request_id, data: {} });
}

/** A body that parses and says code 0 but breaks a documented field, so the parser must name it. */
export function sendMalformed(res: ServerResponse, reply: TiktokReply): void {
  if (!reply.ok) return sendEnvelope(res, reply);
  const list = reply.data.list;
  let data: Record<string, unknown>;
  if (Array.isArray(list) && list.length > 0) {
    const first = list[0] as Record<string, unknown>;
    const broken = isObject(first.metrics)
      ? { ...first, metrics: { ...first.metrics, spend: 'N/A' } }
      : 'currency' in first
        ? { ...first, currency: 12 }
        : { ...first, campaign_id: Number(first.campaign_id) };
    data = { ...reply.data, list: [broken, ...list.slice(1)] };
  } else {
    data = { ...reply.data, list: 'sandbox malformed body' };
  }
  sendRaw(res, 200, JSON.stringify({ code: TIKTOK_CODES.ok, message: 'OK', request_id: requestId(), data }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
