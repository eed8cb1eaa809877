// The headless command line, run as a user runs it: a child process, config from the environment.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli';
import { FakeNationalize } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { ENTRY_FAILURE_CODES } from '@shared/failures';
import { acceptancePaste } from '../support/names';
import { testApp } from '../support/app';
import { seedLeads } from '../support/seed';
import { WebhookReceiver } from '../support/webhookReceiver';

let mongo: TestMongo;
let fake: FakeNationalize;
let workDir: string;

interface LeadJson {
  name: string;
  status: string;
}

function cli(args: string[], env: Record<string, string>, input?: string): Promise<CliResult> {
  return runCli(args, { NATIONALIZE_BASE_URL: fake.url, ...env }, workDir, input);
}

beforeAll(async () => {
  mongo = await startTestMongo();
  fake = new FakeNationalize({ latencyMs: 15, quota: { limit: 10_000, resetSeconds: 3600 } });
  await fake.start();
  workDir = await mkdtemp(join(tmpdir(), 'lead-enricher-cli-'));
});
afterAll(async () => {
  await fake.stop();
  await mongo.stop();
});
beforeEach(() => fake.resetCounters());

describe('npm run cli -- enrich', () => {
  it('enriches the 200-name acceptance file, then a second run stores nothing new', async () => {
    const paste = acceptancePaste();
    const file = join(workDir, 'names.txt');
    await writeFile(file, paste.text);
    const env = { MONGODB_URI: mongo.uri('cli'), NATIONALIZE_CONCURRENCY: '3' };

    const first = await cli(['enrich', '--file', file, '--json'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as Record<string, unknown> & {
      failed: Array<{ name: string; code: string; reason: string }>;
    };
    expect(Object.keys(summary).sort()).toEqual(
      [
        'runId',
        'pasted',
        'unique',
        'enriched',
        'alreadyEnriched',
        'failed',
        'verified',
        'toCheck',
        'cancelled',
        'waiting',
        'state',
      ].sort(),
    );
    const validCount = paste.valid.length + paste.unknown.length; // 160 names sent to the API
    expect(summary).toMatchObject({
      pasted: 200,
      unique: 170,
      enriched: 157,
      alreadyEnriched: 0,
      cancelled: 0,
    });
    expect((summary.verified as number) + (summary.toCheck as number)).toBe(157);
    expect(summary.failed).toHaveLength(13);
    expect(
      summary.failed
        .filter((f) => (ENTRY_FAILURE_CODES as readonly string[]).includes(f.code))
        .map((f) => f.name)
        .sort(),
    ).toEqual([...paste.invalid].sort());
    expect(
      summary.failed
        .filter((f) => f.code === 'no_prediction')
        .map((f) => f.name)
        .sort(),
    ).toEqual([...paste.unknown].sort());
    expect(fake.requests).toBeLessThanOrEqual(Math.ceil(validCount / 10));
    expect(fake.maxInFlight).toBeLessThanOrEqual(3);

    fake.resetCounters();
    const second = await cli(['enrich', '--file', file, '--json'], env);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      pasted: 200,
      unique: 170,
      enriched: 0,
      alreadyEnriched: 157,
    });
    // Names answered before (with no prediction, too) are not asked again: the second run costs nothing.
    expect(fake.requests).toBe(0);

    const leads = await cli(['leads', '--json', '--status', 'Verified'], env);
    expect(leads.code).toBe(0);
    const verified = JSON.parse(leads.stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(verified[0]!).sort()).toEqual([
      'country',
      'countryCode',
      'isCrmSynced',
      'name',
      'probability',
      'status',
    ]);
    expect(verified.every((l) => l.status === 'Verified' && (l.probability as number) >= 0.6)).toBe(true);

    // A name's latest outcome is the one listed: every failure now belongs to the second run.
    const secondRunId = JSON.parse(second.stdout).runId as string;
    const failures = JSON.parse((await cli(['failures', '--json'], env)).stdout) as Array<{ runId: string }>;
    expect(failures).toHaveLength(13);
    expect(new Set(failures.map((f) => f.runId))).toEqual(new Set([secondRunId]));
    expect(
      JSON.parse((await cli(['failures', '--json', '--run', summary.runId as string], env)).stdout),
    ).toEqual([]);
  });

  it('reads names from standard input and prints a readable summary', async () => {
    const result = await cli(
      ['enrich'],
      { MONGODB_URI: mongo.uri('stdin') },
      'Ada Lovelace\nAda Lovelace\n12345\n',
    );
    expect(result.code).toBe(0);
    // The words of the app's paste box: names detected, duplicates folded, invalid.
    expect(result.stdout).toMatch(
      /^Run [0-9a-f]{24}: 1 name detected · 1 duplicate folded · 1 invalid \((\d+ ms|[\d.]+ s)\)$/m,
    );
    expect(result.stdout).toMatch(/Enriched and stored\s+1/);
    expect(result.stdout).toMatch(/12345\s+Invalid name: contains no letter/);
    expect(result.stdout).toMatch(/API quota left: [\d,]+ of 10,000 names/);
  });

  it('retries failed names and lists leads with a search', async () => {
    const env = { MONGODB_URI: mongo.uri('retry') };
    fake.injectFailures({ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const first = JSON.parse((await cli(['enrich', '--json'], env, 'Grace Hopper\nAlan Turing')).stdout);
    expect(first.failed.map((f: { code: string }) => f.code)).toEqual(['api_error', 'api_error']);
    const retry = await cli(['retry', '--json'], env);
    expect(JSON.parse(retry.stdout)).toMatchObject({ enriched: 2 });
    const leads = JSON.parse((await cli(['leads', '--json', '--search', 'hopper'], env)).stdout);
    expect(leads.map((l: { name: string }) => l.name)).toEqual(['Grace Hopper']);
    expect((await cli(['failures'], env)).stdout.trim()).toBe('No failed names.');
  });
});

describe('npm run cli -- enrich --file list.csv', () => {
  it('reads a CSV with a header through the importer, from the column chosen with --column', async () => {
    const file = join(workDir, 'attendees.csv');
    await writeFile(
      file,
      '\uFEFFFull name;Referred by;Email\nDr. Priya Patel;GARCIA, MARIA;p@x.com\nAda Lovelace;Alan Turing;a@x.com\n' +
        'Grace Hopper;N/A;g@x.com\nKatherine Johnson;maria garcia;k@x.com\n',
    );
    const env = { MONGODB_URI: mongo.uri('cli_csv') };
    const chosen = await cli(['enrich', '--file', file, '--column', 'referred BY', '--json'], env);
    expect(chosen.stderr).toBe('');
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout)).toMatchObject({
      pasted: 4,
      unique: 3,
      enriched: 2,
      alreadyEnriched: 0,
    });
    expect(JSON.parse(chosen.stdout).failed).toEqual([
      { name: 'N/A', code: 'placeholder', reason: 'Not a name: a placeholder for a missing value' },
    ]);
    expect(fake.log.flat().sort()).toEqual(['Alan Turing', 'Maria Garcia']);

    // Without --column the header names the column; by number, columns count from 1.
    fake.resetCounters();
    const guessed = JSON.parse((await cli(['enrich', '--file', file, '--json'], env)).stdout);
    expect(guessed).toMatchObject({ pasted: 4, enriched: 4 });
    expect(fake.log.flat().sort()).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
      'Katherine Johnson',
      'Priya Patel',
    ]);
    const byNumber = JSON.parse(
      (await cli(['enrich', '--file', file, '--column', '2', '--json'], env)).stdout,
    );
    expect(byNumber).toMatchObject({ pasted: 4, enriched: 0, alreadyEnriched: 2 });
  });

  it('says on one line what is wrong with a broken file, a missing column, or a file with no name column', async () => {
    const env = { MONGODB_URI: mongo.uri('cli_csv_errors') };
    const broken = join(workDir, 'broken.csv');
    await writeFile(broken, 'Name,Company\nAda Lovelace,Acme\n"Alan Turing,Acme\nGrace Hopper,Acme\n');
    const result = await cli(['enrich', '--file', broken], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`lead-enricher: ${broken}: Row 3: an opening quote is never closed\n`);

    const good = join(workDir, 'good.csv');
    await writeFile(good, 'Name,Company\nAda Lovelace,Acme\n');
    const missing = await cli(['enrich', '--file', good, '--column', 'Full name'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `lead-enricher: ${good}: No column is called "Full name"; the columns are: "Name", "Company"\n`,
    );

    const numbers = join(workDir, 'numbers.csv');
    await writeFile(numbers, 'Id,Amount\n1,20\n');
    const none = await cli(['enrich', '--file', numbers], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(
      'lead-enricher: No column looks like names; choose the name column (columns: 1 "Id", 2 "Amount")\n',
    );
    expect(fake.requests).toBe(0);
  });
});

describe('npm run cli -- leads', () => {
  it('takes the status as people type it: any case, with a space or a hyphen', async () => {
    const uri = mongo.uri('status');
    const seeder = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    await seedLeads(await seeder.store(), { verified: 3, toCheck: 2 });
    await seeder.close();
    const env = { MONGODB_URI: uri };
    const names = async (status: string) =>
      (JSON.parse((await cli(['leads', '--json', '--status', status], env)).stdout) as LeadJson[]).map(
        (l) => `${l.status}:${l.name}`,
      );
    const verified = await names('Verified');
    expect(verified).toHaveLength(3);
    expect(verified.every((l) => l.startsWith('Verified:'))).toBe(true);
    expect(await names('verified')).toEqual(verified);
    expect(await names('VERIFIED')).toEqual(verified);
    const toCheck = await names('To Check');
    expect(toCheck).toHaveLength(2);
    for (const typed of ['to-check', 'to check', 'TO_CHECK', 'tocheck'])
      expect(await names(typed)).toEqual(toCheck);

    const wrong = await cli(['leads', '--status', 'done'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /argument 'done' is invalid\. Give verified or to-check \(any case; "To Check" works too\)\./,
    );
  });
});

describe('npm run cli -- sync --once', () => {
  it('three processes started at once deliver every verified lead exactly once', async () => {
    const secret = 'cli-webhook-secret';
    const receiver = new WebhookReceiver(secret, 10);
    await receiver.start();
    const uri = mongo.uri('sync');
    const seeder = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    await seedLeads(await seeder.store(), { verified: 250, toCheck: 20 });
    await seeder.close();
    try {
      const env = {
        MONGODB_URI: uri,
        CRM_MODE: 'webhook',
        CRM_WEBHOOK_URL: receiver.url,
        CRM_WEBHOOK_SECRET: secret,
      };
      const results = await Promise.all([1, 2, 3].map(() => cli(['sync', '--once', '--json'], env)));
      const outputs = results.map((r) => {
        expect(r.code).toBe(0);
        return JSON.parse(r.stdout) as {
          runId: string;
          claimed: number;
          delivered: number;
          failed: unknown[];
        };
      });
      expect(Object.keys(outputs[0]!).sort()).toEqual(['claimed', 'delivered', 'failed', 'runId']);
      expect(outputs.reduce((sum, o) => sum + o.delivered, 0)).toBe(250);
      expect(receiver.deliveries.size).toBe(250);
      expect(receiver.duplicates).toBe(0);
      expect(receiver.accepted.some((lead) => lead.name.includes('(to check)'))).toBe(false);

      const again = JSON.parse((await cli(['sync', '--once', '--json'], env)).stdout);
      expect(again).toMatchObject({ claimed: 0, delivered: 0, failed: [] });
    } finally {
      await receiver.stop();
    }
  });

  it('prints what the simulated CRM was sent', async () => {
    const uri = mongo.uri('simsync');
    const seeder = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    await seedLeads(await seeder.store(), { verified: 2 });
    await seeder.close();
    const result = await cli(['sync', '--once'], { MONGODB_URI: uri });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sync run [0-9a-f]{24}: 2 claimed, 2 delivered, 0 failed$/m);
    expect(result.stderr).toContain('[CRM Sync] Sending verified lead Verified Lead 0 to Sales Team...');
  });
});

describe('when the CLI cannot run', () => {
  it('says no database is configured, on one line, with a non-zero exit', async () => {
    const result = await cli(['enrich'], {}, 'Anna');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'lead-enricher: No database configured: set MONGODB_URI (in the environment or a .env file)\n',
    );
  });

  it('says the database is unreachable, without its password', async () => {
    const result = await cli(['leads'], { MONGODB_URI: 'mongodb://sales:hunter22@127.0.0.1:9/leads' });
    expect(result.code).toBe(1);
    // Once: the core does not log what it throws to the CLI, which prints it.
    expect(result.stderr).toBe(
      'lead-enricher: Nothing answered at 127.0.0.1:9: is the database running, and is the port right?\n',
    );
  }, 20_000);

  it('stops with the same one line when the sync job cannot reach its database', async () => {
    const result = await cli(['sync'], { MONGODB_URI: 'mongodb://127.0.0.1:9/leads' });
    expect(result).toMatchObject({
      code: 1,
      stderr:
        'lead-enricher: Nothing answered at 127.0.0.1:9: is the database running, and is the port right?\n',
    });
  }, 20_000);

  it('says which file it cannot read', async () => {
    const result = await cli(['enrich', '--file', join(workDir, 'missing.txt')], {
      MONGODB_URI: mongo.uri('x'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`lead-enricher: Cannot read ${join(workDir, 'missing.txt')}: no such file\n`);
  });

  it('names the setting that is wrong', async () => {
    const result = await cli(['leads'], { MONGODB_URI: mongo.uri('x'), NATIONALIZE_CONCURRENCY: 'lots' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^lead-enricher: Invalid setting NATIONALIZE_CONCURRENCY: /);
  });
});

describe('npm run cli -- export', () => {
  it('exports leads to standard output as CSV, to an Excel file with --out, and the failed names', async () => {
    const env = { MONGODB_URI: mongo.uri('export') };
    fake.configure({
      predictions: {
        'maría garcía': [{ country_id: 'ES', probability: 0.9 }],
        'thomas müller': [{ country_id: 'DE', probability: 0.3 }],
      },
    });
    await cli(['enrich'], env, 'María García\nThomas Müller\nN/A');

    const csv = await cli(['export', '--format', 'csv', '--search', 'muller'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFName,Country,Country code,Probability,Status')).toBe(true);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith('Thomas Müller,Germany,DE,0.3,To Check')).toBe(true);

    const out = join(workDir, 'verified.xlsx');
    const xlsx = await cli(['export', '--format', 'xlsx', '--status', 'verified', '--out', out], env);
    expect(xlsx.stdout.trim()).toBe(`Exported 1 lead to ${out}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0]!.getRow(2).getCell(1).value).toBe('María García');
    expect(workbook.worksheets[0]!.getRow(2).getCell(4).value).toBe(0.9);

    const failures = await cli(['export', '--format', 'csv', '--failures'], env);
    expect(failures.stdout).toContain('N/A,');

    const refused = await cli(['export', '--format', 'xlsx'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('An Excel file needs --out FILE');
  });
});
