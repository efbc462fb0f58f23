import type { SandboxPlatformModule } from '../platform-module';

// Interim module until this platform's sandbox lands: answers 501 and has no ground truth.
export const tiktokSandbox: SandboxPlatformModule = {
  createHandler() {
    return async (_req, res) => {
      res.writeHead(501, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'the tiktok sandbox is being built' }));
    };
  },
  truth() {
    throw new Error('the tiktok sandbox has no ground truth yet');
  },
};
