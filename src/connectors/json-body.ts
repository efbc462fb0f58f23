import { ResponseFormatError } from './errors';
import type { HttpExchange } from './http-client';

/** The parsed body, or undefined when it is not JSON (error bodies are classified from whatever parses). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A response body that must be JSON: anything else is a malformed response, stored nowhere. */
export function jsonBodyOf(response: HttpExchange): unknown {
  const body = safeJson(response.text);
  if (body === undefined) {
    throw new ResponseFormatError('(body)', `not valid JSON (HTTP ${response.status}, ${response.text.length} bytes)`);
  }
  return body;
}
