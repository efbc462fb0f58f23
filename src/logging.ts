import pino, { type Logger } from 'pino';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

/** Structured JSON logs (pino: fast, tiny, the Node default for JSON logging). Secrets are never passed to it. */
export function createLogger(name: string, destination?: string): Logger {
  return pino(
    { name, level: process.env.ADOPS_LOG_LEVEL ?? 'info', base: { service: 'adops' } },
    destination ? pino.destination({ dest: destination, mkdir: true, sync: false }) : pino.destination(2),
  );
}

let installed = false;

/** Routes the Temporal SDK's own logs (workflow log.info, activity ctx.log) into pino. Once per process. */
export function installTemporalLogging(logger: Logger, level: LogLevel = 'INFO'): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const method =
        entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
      logger[method]({ ...entry.meta }, entry.message);
    }),
  });
}
