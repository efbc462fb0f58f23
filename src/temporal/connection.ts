import { Connection, Client } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';

export const LOCAL_TEMPORAL_PORT = Number(process.env.ADOPS_TEMPORAL_PORT ?? 7233);

export interface TemporalTarget {
  address: string;
  namespace: string;
  /** True when TEMPORAL_ADDRESS or a temporal.toml profile chose the server; the project then starts none. */
  external: boolean;
  connectionOptions: ReturnType<typeof loadClientConnectConfig>['connectionOptions'];
}

/** TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE / temporal.toml (via @temporalio/envconfig), else the local dev server. */
export function temporalTarget(): TemporalTarget {
  const config = loadClientConnectConfig();
  const address = config.connectionOptions.address;
  return {
    address: address ?? `127.0.0.1:${LOCAL_TEMPORAL_PORT}`,
    namespace: config.namespace ?? 'default',
    external: Boolean(address),
    connectionOptions: { ...config.connectionOptions, address: address ?? `127.0.0.1:${LOCAL_TEMPORAL_PORT}` },
  };
}

/** Connects, or fails with what to do next: check the address (external server) or start the local stack. */
async function reach<T>(target: TemporalTarget, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (err) {
    throw new Error(
      `Cannot reach Temporal at ${target.address}: ${(err as Error).message}. ` +
        (target.external
          ? 'Check TEMPORAL_ADDRESS / your temporal.toml profile.'
          : 'Start it with `bin/adops stack up`.'),
    );
  }
}

export async function connectClient(target = temporalTarget()): Promise<{ client: Client; connection: Connection }> {
  return reach(target, async () => {
    const connection = await Connection.connect({ ...target.connectionOptions, connectTimeout: '10s' });
    return { client: new Client({ connection, namespace: target.namespace }), connection };
  });
}

export async function connectWorkerConnection(target = temporalTarget()): Promise<NativeConnection> {
  return reach(target, () => NativeConnection.connect(target.connectionOptions));
}
