import path from 'node:path';
import { projectRoot } from '../stack/paths';
import { startSandbox } from './server';
import { loadSandboxWorld } from './world';

/** Standalone sandbox process, as started by `adops stack up`. */
async function main() {
  const port = Number(process.env.ADOPS_SANDBOX_PORT ?? 4010);
  const worldFile = process.env.ADOPS_SANDBOX_WORLD ?? path.join(projectRoot(), 'config', 'sandbox.yaml');
  const sandbox = await startSandbox(loadSandboxWorld(worldFile), { port });
  console.log(JSON.stringify({ msg: 'sandbox listening', url: sandbox.url, world: worldFile }));
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`sandbox failed to start: ${(err as Error).message}`);
  process.exit(1);
});
