// Headless command line: the same core as the app, configured from the environment and .env.
import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { ZodError, z } from 'zod';
import { LEAD_STATUSES, type EnrichSummary, type LeadView } from '@shared/contract';
import { createCoreApp, type CoreApp } from '../core/app';
import { loadConfig } from '../core/config';
import { redactSecrets } from '../core/redact';
import { formatFailures, formatLeads, formatSummary, formatSyncRun } from './format';

const LEADS_PAGE = 500;

class CliError extends Error {}

function runIdOption(run: string | undefined): string | undefined {
  if (run !== undefined && !/^[a-f0-9]{24}$/.test(run)) {
    throw new CliError(`--run takes a run id (24 hex characters, as printed by enrich), not "${run}"`);
  }
  return run;
}

async function withApp<T>(
  fn: (app: CoreApp) => Promise<T>,
  options: { backgroundSync?: boolean } = {},
): Promise<T> {
  const config = loadConfig(process.env);
  if (!config.mongodbUri) {
    throw new CliError('No database configured: set MONGODB_URI (in the environment or a .env file)');
  }
  const app = await createCoreApp(config, {
    requireDatabase: true,
    backgroundSync: options.backgroundSync,
    log: (m) => process.stderr.write(`${m}\n`),
  });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function readInput(file: string | undefined): Promise<string> {
  if (file) {
    try {
      return await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(
        `Cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(err))}`,
      );
    }
  }
  if (process.stdin.isTTY) process.stderr.write('Paste names, then press Ctrl+D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs an enrichment with progress on stderr; Ctrl+C cancels it and keeps what is stored. */
async function runWithProgress(
  app: CoreApp,
  json: boolean,
  run: () => Promise<EnrichSummary>,
): Promise<void> {
  const showProgress = !json && process.stderr.isTTY;
  const unsubscribe = app.subscribe((event, payload) => {
    if (showProgress && event === 'event:enrich-progress' && 'done' in payload) {
      process.stderr.write(`\rEnriching: ${payload.done} / ${payload.total}`);
    }
  });
  const onSigint = (): void => {
    process.stderr.write('\nCancelling: names not yet sent will be marked cancelled...\n');
    app.enrichment.cancel();
  };
  process.once('SIGINT', onSigint);
  try {
    const summary = await run();
    if (showProgress) process.stderr.write('\n');
    const { duplicatesFolded: _d, durationMs: _t, ...jsonSummary } = summary;
    process.stdout.write(
      json ? `${JSON.stringify(jsonSummary)}\n` : `${formatSummary(summary, app.client.lastRateLimit)}\n`,
    );
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
  }
}

async function allLeads(
  app: CoreApp,
  status?: (typeof LEAD_STATUSES)[number],
  search?: string,
): Promise<LeadView[]> {
  const store = await app.store();
  const leads: LeadView[] = [];
  for (let page = 1; ; page++) {
    const result = await store.listLeads({
      status,
      search,
      page,
      pageSize: LEADS_PAGE,
      sortBy: 'name',
      sortDir: 'asc',
    });
    leads.push(...result.items);
    if (leads.length >= result.total || result.items.length === 0) return leads;
  }
}

const program = new Command('lead-enricher')
  .description('Enrich names with nationalize.io and store them as leads in MongoDB')
  .showHelpAfterError();

program
  .command('enrich')
  .description('Enrich pasted names (from --file, or standard input)')
  .option('-f, --file <path>', 'read names from this file')
  .option('--json', 'print one JSON object')
  .action(async (opts: { file?: string; json?: boolean }) => {
    const text = await readInput(opts.file);
    await withApp((app) => runWithProgress(app, !!opts.json, () => app.enrichment.enrichText(text)));
  });

program
  .command('leads')
  .description('List stored leads')
  .addOption(new Option('--status <status>', 'only leads with this status').choices(LEAD_STATUSES))
  .option('--search <text>', 'only leads whose name or country contains this text')
  .option('--json', 'print a JSON array')
  .action(async (opts: { status?: (typeof LEAD_STATUSES)[number]; search?: string; json?: boolean }) => {
    await withApp(async (app) => {
      const leads = await allLeads(app, opts.status, opts.search);
      const out = opts.json
        ? JSON.stringify(
            leads.map(({ name, countryCode, country, probability, status, isCrmSynced }) => ({
              name,
              countryCode,
              country,
              probability,
              status,
              isCrmSynced,
            })),
          )
        : formatLeads(leads);
      process.stdout.write(`${out}\n`);
    });
  });

program
  .command('failures')
  .description('List names that failed, with their reasons')
  .option('--run <id>', 'only the failures of this run')
  .option('--json', 'print a JSON array')
  .action(async (opts: { run?: string; json?: boolean }) => {
    await withApp(async (app) => {
      const { items } = await (await app.store()).listFailures({ runId: runIdOption(opts.run) });
      const out = opts.json
        ? JSON.stringify(items.map(({ name, code, reason, runId }) => ({ name, code, reason, runId })))
        : formatFailures(items);
      process.stdout.write(`${out}\n`);
    });
  });

program
  .command('retry')
  .description('Enrich failed names again (all of them, or those of one run)')
  .option('--run <id>', 'only the failures of this run')
  .option('--json', 'print one JSON object')
  .action(async (opts: { run?: string; json?: boolean }) => {
    await withApp((app) =>
      runWithProgress(app, !!opts.json, () => app.enrichment.retryFailures({ runId: runIdOption(opts.run) })),
    );
  });

program
  .command('sync')
  .description(
    'Send leads not yet synced to the CRM that CRM_MODE names (simulated, webhook, hubspot, pipedrive, salesforce)',
  )
  .option('--once', 'run one sync and exit (without it: keep syncing on SYNC_SCHEDULE until Ctrl+C)')
  .option('--json', 'with --once: print one JSON object')
  .action(async (opts: { once?: boolean; json?: boolean }) => {
    if (!opts.once) {
      await withApp(
        async (app) => {
          const status = await app.sync.status();
          process.stderr.write(`Syncing ${status.scheduleText} (${status.mode} CRM); Ctrl+C to stop.\n`);
          await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        },
        { backgroundSync: true },
      );
      return;
    }
    await withApp(async (app) => {
      const { run } = await app.sync.syncNow('cli');
      if (run.error) throw new CliError(`The sync run failed: ${run.error}`);
      const failed = run.failures.map(({ name, reason }) => ({ name, reason }));
      const out = opts.json
        ? JSON.stringify({ runId: run.id, claimed: run.claimed, delivered: run.delivered, failed })
        : formatSyncRun(run);
      process.stdout.write(`${out}\n`);
    });
  });

loadDotenv({ quiet: true });
program.parseAsync(process.argv).catch((err: unknown) => {
  const message =
    err instanceof ZodError
      ? `Invalid option: ${z.prettifyError(err).replace(/\s*\n\s*/g, ' ')}`
      : err instanceof Error
        ? err.message
        : String(err);
  const secrets = [
    'NATIONALIZE_API_KEY',
    'CRM_WEBHOOK_SECRET',
    'HUBSPOT_TOKEN',
    'PIPEDRIVE_API_TOKEN',
    'SALESFORCE_ACCESS_TOKEN',
  ].map((name) => process.env[name]);
  process.stderr.write(`lead-enricher: ${redactSecrets(message, secrets)}\n`);
  process.exitCode = 1;
});
