import { createServer, type Server } from 'node:http';

/** A Slack incoming webhook stand-in: answers each POST with the next status of `script` (then 200), records bodies. */
export function fakeWebhook(script: number[]) {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(script.shift() ?? 200).end();
    });
  });
  return { server, received, script };
}
