import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseFormatError } from '../../src/connectors/errors';
import { ApiCallError, send, type RequestPolicy } from '../../src/connectors/http-client';
import { RequestPacer } from '../../src/connectors/rate-limiter';

const SECRET = 'Bearer sbx-secret-token-123456';

describe('HTTP client errors never carry request secrets', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Never answers /hang; drops the connection on /drop.
    server = createServer((req, res) => {
      if (req.url?.startsWith('/drop')) res.socket?.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const policy = (signal?: AbortSignal): RequestPolicy => ({
    pacer: new RequestPacer(1000),
    timeoutMs: 300,
    signal,
    classify: () => null,
    attempts: 2,
    maxInAttemptWaitMs: 0,
    minBackoffMs: 0,
  });
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('expected a failure'),
      (e: unknown) => e,
    );
  const expectClean = (error: unknown) => {
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  };

  it('a cancelled request rethrows the cancellation reason, not the axios error', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('activity cancelled')), 50);
    const error = await failure(
      send({ method: 'GET', url: `${url}/hang`, headers: { Authorization: SECRET } }, policy(controller.signal)),
    );
    expect((error as Error).message).toBe('activity cancelled');
    expectClean(error);
  });

  it('a dropped connection or a timeout becomes a sanitised, retryable ApiCallError', async () => {
    for (const path of ['/drop', '/hang']) {
      const error = await failure(
        send({ method: 'GET', url: `${url}${path}`, headers: { Authorization: SECRET } }, policy()),
      );
      expect(error).toBeInstanceOf(ApiCallError);
      expect((error as ApiCallError).failure.kind).toBe('transient');
      expect((error as ApiCallError).message).toMatch(/^network error: /);
      expectClean(error);
    }
  });
});

describe('HTTP client body cap', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Answers 2 KiB of JSON.
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: 'x'.repeat(2_048) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  const policy = (maxBodyBytes: number): RequestPolicy => ({
    pacer: new RequestPacer(1000),
    timeoutMs: 2_000,
    classify: () => null,
    attempts: 3,
    maxInAttemptWaitMs: 0,
    minBackoffMs: 0,
    maxBodyBytes,
  });

  it('refuses a body over maxBodyBytes as malformed, once, instead of keeping it', async () => {
    const error = await send({ method: 'GET', url }, policy(1_024)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect((error as ResponseFormatError).message).toBe(
      '(body): larger than 1024 bytes (maxBodyBytes in config/platforms.yaml)',
    );
  });

  it('accepts a body under the cap', async () => {
    const exchange = await send({ method: 'GET', url }, policy(4_096));
    expect(exchange.text.length).toBeGreaterThan(2_048);
  });
});
