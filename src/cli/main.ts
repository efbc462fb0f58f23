import { Command, Option } from 'commander';
import { unsetCredentialVariables } from '../config/accounts';
import { loadConfig } from '../config/load';
import { loadRules } from '../config/rules';
import { describeCliError } from './errors';
import { stackDown, stackEnvironment, stackStatus, stackUp } from '../stack';
import { readStackState } from '../stack/state';
import { connectClient } from '../temporal/connection';
import { runWorkerProcess } from '../workers/main';
import { loadSchedules } from '../schedules/load';
import { SCHEDULE_PREFIX, syncSchedules } from '../schedules/sync';
import { registerApprovalCommands } from './approve';
import { runDemo } from './demo';
import { registerReportCommand } from './report-command';
import { registerPlanCommand } from './plan-command';
import { registerRulesCommands } from './rules-command';
import { registerRulesBacktestCommand } from './rules-backtest';
import { registerTrackersCommands } from './trackers-command';
import { registerMetricsCommands } from './metrics-command';
import { loadTrackersConfig } from '../config/trackers';
import { registerSimulateCommand } from './simulate-command';
import { AE_WORKFLOWS, parseInputJson, startAndWatch } from './run';

/** The adops CLI (commander: the de-facto standard Node CLI parser, with help and errors for free). */
const program = new Command('adops').description('Ad-operations engine on Temporal').showHelpAfterError();

const stack = program
  .command('stack')
  .description('the local stack: Temporal dev server, MongoDB (or FerretDB), sandbox ad platforms');
stack
  .command('up')
  .description('start whatever is missing (installs the temporal CLI / FerretDB on first use)')
  .option('--no-sandbox', 'do not start the sandbox ad platforms')
  .action(async (opts: { sandbox: boolean }) => {
    const info = await stackUp({ sandbox: opts.sandbox });
    console.log(
      `temporal  ${info.temporal.address}${info.temporal.external ? ' (external)' : ''}${info.temporal.ui ? `  Web UI ${info.temporal.ui}` : ''}`,
    );
    console.log(`mongo     ${info.mongo.url}${info.mongo.external ? ' (external)' : ''}`);
    if (info.sandbox) console.log(`sandbox   ${info.sandbox.url}`);
  });
stack
  .command('down')
  .description('stop what `stack up` started, and nothing else')
  .action(async () => {
    await stackDown();
    console.log('stopped');
  });
stack
  .command('status')
  .description('each component with its address and health')
  .action(async () => {
    for (const c of await stackStatus()) {
      console.log(
        `${c.name.padEnd(9)} ${(c.healthy ? 'healthy' : 'DOWN').padEnd(8)} ${c.managedBy.padEnd(12)} ${c.address}  ${c.detail}`,
      );
    }
  });

program
  .command('worker')
  .description('run a worker (main queue + one activity queue per platform) until SIGINT/SIGTERM')
  .action(async () => {
    const env = process.env.MONGO_URL
      ? {}
      : stackEnvironment(
          await stackUp({ sandbox: Boolean(readStackState().sandbox), progress: (m) => console.error(`[stack] ${m}`) }),
        );
    Object.assign(process.env, env);
    await runWorkerProcess({ mongoUrl: process.env.MONGO_URL as string });
  });

program
  .command('run')
  .description(`start a workflow (${AE_WORKFLOWS.join(', ')}) and wait for its result, with progress`)
  .argument('<workflowType>')
  .addOption(new Option('--input <json>', 'the single JSON object input').default('{}'))
  .option('--id <workflowId>', 'workflow id (default: the deterministic business id)')
  .action(async (type: string, opts: { input: string; id?: string }) => {
    const { client, connection } = await connectClient();
    try {
      const { result } = await startAndWatch(client, type, parseInputJson(opts.input), { workflowId: opts.id });
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await connection.close();
    }
  });

program
  .command('demo')
  .description('the main job: a full daily run against the sandbox, ending with reports and the Web UI address')
  .option('--input <json>', 'dailyOps input, e.g. {"date":"2026-11-20"}', '{}')
  .action(async (opts: { input: string }) => runDemo(parseInputJson(opts.input)));

const schedules = program.command('schedules').description('Temporal schedules defined in config/schedules.yaml');
schedules
  .command('sync')
  .description('create, update and delete schedules so Temporal matches config (idempotent)')
  .option('--dry-run', 'only print what would change')
  .action(async (opts: { dryRun?: boolean }) => {
    const file = loadSchedules();
    const { client, connection } = await connectClient();
    try {
      const report = await syncSchedules(client, file.schedules, {
        dryRun: opts.dryRun,
        timeoutMinutes: loadConfig().platforms.runs.timeoutMinutes,
      });
      const verb = opts.dryRun ? 'would be ' : '';
      for (const [what, ids] of Object.entries(report))
        if (ids.length) console.log(`${verb}${what}: ${ids.join(', ')}`);
      if (Object.values(report).every((ids) => ids.length === 0)) console.log('no schedules configured');
    } finally {
      await connection.close();
    }
  });
schedules
  .command('list')
  .description('schedules managed by adops, with their next run')
  .action(async () => {
    const { client, connection } = await connectClient();
    try {
      for await (const s of client.schedule.list()) {
        if (!s.scheduleId.startsWith(SCHEDULE_PREFIX)) continue;
        const next = s.info.nextActionTimes[0]?.toISOString() ?? '-';
        console.log(`${s.scheduleId.padEnd(32)} ${s.state.paused ? 'paused ' : 'active '} next ${next}`);
      }
    } finally {
      await connection.close();
    }
  });

program
  .command('config')
  .description('configuration')
  .command('check')
  .description('validate config/accounts.yaml, platforms.yaml, schedules.yaml, rules.yaml and trackers.yaml')
  .action(() => {
    const config = loadConfig();
    const trackers = loadTrackersConfig(config.dir, config.accounts);
    const scheduleCount = loadSchedules().schedules.length;
    const rules = loadRules(config);
    const accounts = config.accounts.advertisers.reduce((n, a) => n + a.accounts.length, 0);
    console.log(
      `config OK: ${config.accounts.advertisers.length} advertisers, ${accounts} accounts, ${scheduleCount} schedules, ${rules.rules.length} budget rules${rules.killSwitch ? ' (KILL SWITCH ON)' : ''}, ${trackers.apps.length} tracker apps (${config.dir})`,
    );
    for (const unset of unsetCredentialVariables(config.accounts, process.env)) {
      console.warn(
        `warning: ${unset.variable} (${unset.key} of ${unset.platform} account ${unset.accountId}, ${unset.advertiserId}) is not set in this environment; pulls of that account will fail until it is`,
      );
    }
  });

registerPlanCommand(program);
registerApprovalCommands(program);
registerReportCommand(program);
registerRulesCommands(program);
registerRulesBacktestCommand(program);
registerTrackersCommands(program);
registerMetricsCommands(program);
registerSimulateCommand(program);

// Exit explicitly: the Temporal runtime's native threads would otherwise keep a finished command alive.
program.parseAsync().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    console.error(describeCliError(err));
    process.exit(1);
  },
);
