// Headless command line: the same core as the app, configured from the environment and .env.
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command, Option } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { ZodError, z } from 'zod';
import {
  LEAD_STATUSES,
  type Channel,
  type EnrichSummary,
  type FailureView,
  type LeadView,
  type RequestOf,
  type ResponseOf,
} from '@shared/contract';
import { formatCount } from '@shared/format';
import type { NameColumnChoice } from '@shared/names';
import { createCoreApp, type CoreApp } from '../core/app';
import { loadConfig } from '../core/config';
import { redactSecrets } from '../core/redact';
import {
  formatFailures,
  formatLeads,
  formatResumed,
  formatRuns,
  formatSummary,
  formatSyncRun,
  formatWaitingRun,
} from './format';
import { parseStatus } from './options';

const LEADS_PAGE = 500;
const FAILURES_PAGE = 500;

function positiveInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new CliError(`${flag} takes a whole number from 1, not "${value}"`);
    return n;
  };
}

const failureJson = ({ name, code, reason, runId, length }: FailureView) => ({
  name,
  code,
  reason,
  runId,
  ...(length ? { length } : {}),
});

class CliError extends Error {}

/** Files read as tables by the core's importer; anything else is read as pasted text. */
const TABLE_FILES = new Set(['.csv', '.tsv', '.tab', '.xlsx']);

/** --column as the parser takes it: a number counts from 1 (as people count columns), else a header. */
function columnOption(column: string | undefined): NameColumnChoice | undefined {
  if (column === undefined) return undefined;
  if (/^\d+$/.test(column.trim())) {
    const index = Number(column) - 1;
    if (index < 0) throw new CliError('--column counts from 1: the first column is --column 1');
    return index;
  }
  return column;
}

/** One operation of the core, through the same dispatch (and validation) as the app's window. */
async function call<C extends Channel>(
  app: CoreApp,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const envelope = await app.dispatch(channel, request);
  if (!envelope.ok) throw new CliError(envelope.error.message);
  return envelope.data as ResponseOf<C>;
}

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
    frontEnd: 'cli',
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
    if (!showProgress) return;
    if (event === 'import:progress' && 'rows' in payload)
      process.stderr.write(`\rReading: ${payload.rows} rows`);
    if (event === 'enrich:progress' && 'done' in payload) {
      process.stderr.write(`\rEnriching: ${payload.done} / ${payload.total}`);
    }
  });
  const onSigint = (): void => {
    process.stderr.write('\nCancelling: names not yet sent will be marked cancelled...\n');
    void app.dispatch('enrich:cancel', {});
  };
  process.once('SIGINT', onSigint);
  try {
    const summary = await run();
    if (showProgress) process.stderr.write('\n');
    const { rateLimit } = await call(app, 'status:get', {});
    process.stdout.write(
      json ? `${JSON.stringify(jsonSummaryOf(summary))}\n` : `${formatSummary(summary, rateLimit)}\n`,
    );
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
  }
}

function jsonSummaryOf(summary: EnrichSummary): Record<string, unknown> {
  const { duplicatesFolded: _d, durationMs: _t, resumeAt: _r, ...rest } = summary;
  return rest;
}

/** Runs left unfinished (a crash, a closed app, a quota reset that has come) go on first. */
async function resumeLeftRuns(app: CoreApp, json: boolean): Promise<EnrichSummary[]> {
  const { resumed } = await call(app, 'runs:resume', {});
  if (!json) for (const summary of resumed) process.stderr.write(`Resumed: ${formatResumed(summary)}\n`);
  return resumed;
}

async function allLeads(
  app: CoreApp,
  status?: (typeof LEAD_STATUSES)[number],
  search?: string,
): Promise<LeadView[]> {
  const leads: LeadView[] = [];
  let after: string | undefined;
  for (;;) {
    const result = await call(app, 'leads:list', {
      status,
      search,
      after,
      pageSize: LEADS_PAGE,
      sortBy: 'name',
      sortDir: 'asc',
    });
    leads.push(...result.items);
    if (!result.next) return leads;
    after = result.next;
  }
}

const program = new Command('lead-enricher')
  .description('Enrich names with nationalize.io and store them as leads in MongoDB')
  .showHelpAfterError();

program
  .command('enrich')
  .description('Enrich pasted names (from --file, or standard input)')
  .option('-f, --file <path>', 'read names from this file (.csv, .tsv and .xlsx are read as tables)')
  .option('--column <header or number>', 'in a table: the name column, by header (any case) or number from 1')
  .option('--json', 'print one JSON object')
  .action(async (opts: { file?: string; column?: string; json?: boolean }) => {
    const column = columnOption(opts.column);
    const table = opts.file !== undefined && TABLE_FILES.has(extname(opts.file).toLowerCase());
    const text = table ? null : await readInput(opts.file);
    await withApp(async (app) => {
      await resumeLeftRuns(app, !!opts.json);
      await runWithProgress(app, !!opts.json, () =>
        text === null
          ? call(app, 'enrich:file', { path: resolve(opts.file!), column })
          : call(app, 'enrich:start', { text, column }),
      );
    });
  });

program
  .command('leads')
  .description('List stored leads')
  .addOption(
    new Option('--status <status>', 'only leads with this status: verified or to-check').argParser(
      parseStatus,
    ),
  )
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
  .command('export')
  .description('Export stored leads (or the failed names) to a CSV or Excel file')
  .addOption(new Option('--format <format>', 'csv or xlsx').choices(['csv', 'xlsx']).makeOptionMandatory())
  .addOption(
    new Option('--status <status>', 'only leads with this status: verified or to-check').argParser(
      parseStatus,
    ),
  )
  .option('--search <text>', 'only leads with words starting with these (case and accents ignored)')
  .option('--failures', 'export the failed names (with their reasons) instead of the leads')
  .option('-o, --out <file>', 'write to this file (without it, a CSV goes to standard output)')
  .action(
    async (opts: {
      format: 'csv' | 'xlsx';
      status?: (typeof LEAD_STATUSES)[number];
      search?: string;
      failures?: boolean;
      out?: string;
    }) => {
      if (!opts.out && opts.format === 'xlsx') throw new CliError('An Excel file needs --out FILE');
      if (opts.failures && (opts.status || opts.search))
        throw new CliError('--status and --search choose leads: leave them out with --failures');
      const kind = opts.failures ? 'failures' : 'leads';
      const request = opts.failures
        ? { format: opts.format }
        : { format: opts.format, filter: { status: opts.status, search: opts.search } };
      await withApp(async (app) => {
        if (!opts.out) {
          // Standard output stays open after the export: it is piped through a stream that ends alone.
          const pass = new PassThrough();
          pass.pipe(process.stdout, { end: false });
          await app.exportTo(kind, request, pass);
          return;
        }
        const path = resolve(opts.out);
        const result = await call(app, opts.failures ? 'failures:export' : 'leads:export', {
          ...request,
          path,
        });
        const what = formatCount(result.rows, opts.failures ? 'failed name' : 'lead');
        process.stdout.write(`Exported ${what} to ${path}\n`);
      });
    },
  );

program
  .command('failures')
  .description('List names that failed, with their reasons (all of them, or one page)')
  .option('--run <id>', 'only the failures of this run')
  .option('--page <n>', 'only this page (with --limit)', positiveInt('--page'))
  .option('--limit <n>', 'names per page (default 100, at most 500)', positiveInt('--limit'))
  .option('--json', 'print JSON: an array of every failure, or with --page one page and the total')
  .action(async (opts: { run?: string; page?: number; limit?: number; json?: boolean }) => {
    await withApp(async (app) => {
      const runId = runIdOption(opts.run);
      if (opts.page !== undefined || opts.limit !== undefined) {
        const page = await call(app, 'failures:list', {
          runId,
          page: opts.page ?? 1,
          pageSize: opts.limit ?? 100,
        });
        const items = page.items.map(failureJson);
        const out = opts.json
          ? JSON.stringify({ items, total: page.total, page: page.page, limit: page.pageSize })
          : formatFailures(page.items, page);
        process.stdout.write(`${out}\n`);
        return;
      }
      const all: FailureView[] = [];
      for (let page = 1; ; page++) {
        const result = await call(app, 'failures:list', { runId, page, pageSize: FAILURES_PAGE });
        all.push(...result.items);
        if (all.length >= result.total || result.items.length === 0) break;
      }
      process.stdout.write(`${opts.json ? JSON.stringify(all.map(failureJson)) : formatFailures(all)}\n`);
    });
  });

program
  .command('resume')
  .description('Go on with runs left unfinished: interrupted, or waiting for a quota that has reset')
  .option('--json', 'print JSON: the resumed runs and those still waiting for quota')
  .action(async (opts: { json?: boolean }) => {
    await withApp(async (app) => {
      const { resumed } = await call(app, 'runs:resume', {});
      const waiting = (await call(app, 'runs:list', {})).filter((run) => run.state === 'waiting_quota');
      if (opts.json) {
        const waitingJson = waiting.map(({ id, waiting: names, resumeAt }) => ({
          runId: id,
          waiting: names,
          resumeAt,
        }));
        process.stdout.write(
          `${JSON.stringify({ resumed: resumed.map(jsonSummaryOf), waiting: waitingJson })}\n`,
        );
        return;
      }
      const lines = resumed.map((s) => `Resumed: ${formatResumed(s)}`);
      for (const run of waiting) lines.push(formatWaitingRun(run));
      process.stdout.write(`${lines.length ? lines.join('\n') : 'No run to resume.'}\n`);
    });
  });

program
  .command('runs')
  .description('List enrichment runs: state and the outcome of their names')
  .option('--json', 'print a JSON array')
  .action(async (opts: { json?: boolean }) => {
    await withApp(async (app) => {
      const runs = await call(app, 'runs:list', {});
      const out = opts.json
        ? JSON.stringify(
            runs.map((r) => ({
              id: r.id,
              kind: r.kind,
              state: r.state,
              counts: {
                pasted: r.pasted,
                unique: r.unique,
                duplicatesFolded: r.duplicatesFolded,
                enriched: r.enriched,
                alreadyEnriched: r.alreadyEnriched,
                failed: r.failed,
                cancelled: r.cancelled,
                waiting: r.waiting,
              },
              created: r.startedAt,
              finished: r.finishedAt,
              resumeAt: r.resumeAt,
            })),
          )
        : formatRuns(runs);
      process.stdout.write(`${out}\n`);
    });
  });

program
  .command('retry')
  .description('Enrich failed names again (all of them, or those of one run)')
  .option('--run <id>', 'only the failures of this run')
  .option('--json', 'print one JSON object')
  .action(async (opts: { run?: string; json?: boolean }) => {
    await withApp(async (app) => {
      await resumeLeftRuns(app, !!opts.json);
      await runWithProgress(app, !!opts.json, () =>
        call(app, 'failures:retry', { runId: runIdOption(opts.run) }),
      );
    });
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
          const status = await call(app, 'sync:status', {});
          process.stderr.write(`Syncing ${status.scheduleText} (${status.mode} CRM); Ctrl+C to stop.\n`);
          await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
        },
        { backgroundSync: true },
      );
      return;
    }
    await withApp(async (app) => {
      const { run } = await call(app, 'sync:now', {});
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
