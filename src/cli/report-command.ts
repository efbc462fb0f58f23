import type { Command } from 'commander';
import { connectClient } from '../temporal/connection';
import type { ReportState } from '../workflows/messages';
import { startAndWatch } from './run';

/** `adops report`: one advertiser's report through the generateReport workflow; prints the path of every file. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('write one advertiser report (XLSX, CSV, HTML, PDF) for a period and print where its files are')
    .requiredOption('--advertiser <id>', 'advertiser id from config/accounts.yaml')
    .requiredOption('--period <period>', 'daily, weekly or monthly')
    .option('--date <YYYY-MM-DD>', 'a day inside the period (default: the last complete one)')
    .option('--formats <list>', 'comma-separated: xlsx,csv,html,pdf (default: all)')
    .option('--locale <locale>', 'ko-KR or en-US', 'ko-KR')
    .option('--deliver', 'send the summary and file locations to Slack (ADOPS_SLACK_WEBHOOK_URL)')
    .option('--review', 'with --deliver: wait for an AE to approve it (the review Update) before sending')
    .action(
      async (opts: {
        advertiser: string;
        period: string;
        date?: string;
        formats?: string;
        locale: string;
        deliver?: boolean;
        review?: boolean;
      }) => {
        const input = {
          advertiserId: opts.advertiser,
          period: opts.period,
          locale: opts.locale,
          ...(opts.date ? { date: opts.date } : {}),
          ...(opts.formats ? { formats: opts.formats.split(',').map((f) => f.trim()) } : {}),
          ...(opts.deliver ? { deliver: true } : {}),
          ...(opts.review ? { review: true } : {}),
        };
        const { client, connection } = await connectClient();
        try {
          const { result } = await startAndWatch(client, 'generateReport', input);
          const state = result as ReportState;
          for (const file of state.files) console.log(file.path);
          if (state.status !== 'written') console.log(`status: ${state.status}`);
        } finally {
          await connection.close();
        }
      },
    );
}
