// Runs killed hard (kill -9 of a `cli enrich` child process) and runs waiting for quota, from the
// command line, as a user would meet them: every name ends with exactly one outcome, and the API is
// never asked again for a name whose answer was stored.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../support/cli';
import { FakeNationalize } from '../support/fakeNationalize';
import { checkOutcomes, DatabaseInspector } from '../support/inspect';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { distinctNames } from '../support/names';

let mongo: TestMongo;
let fake: FakeNationalize;
let workDir: string;
let uri: string;
let db: DatabaseInspector;

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Names the stand-in answered (a 200), each time it did. */
function answered(f: FakeNationalize): string[] {
  return f.answered;
}

beforeAll(async () => {
  mongo = await startTestMongo();
  workDir = await mkdtemp(join(tmpdir(), 'lead-enricher-crash-'));
});
afterAll(() => mongo.stop());
beforeEach(async () => {
  fake = new FakeNationalize({ quota: { limit: 100_000, resetSeconds: 3600 } });
  await fake.start();
  uri = mongo.uri('crash');
  db = await DatabaseInspector.open(uri);
});
afterEach(async () => {
  await db.close();
  await fake.stop();
});

describe('kill -9 mid-run', () => {
  it('cli enrich killed after some answers are stored: cli resume finishes it, asking only for what was not stored', async () => {
    fake.configure({ latencyMs: 100 });
    const names = distinctNames(1500);
    const file = join(workDir, 'names.txt');
    await writeFile(file, names.join('\n'));
    const env = { MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url, NATIONALIZE_CONCURRENCY: '4' };

    const run = spawnCli(['enrich', '--file', file, '--json'], env, workDir);
    await until(async () => (await db.count('name_answers')) > 0, 30_000, 'the first stored answers');
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');

    const before = await db.state();
    const stored = new Set(before.answers.map((a) => a.key));
    expect(stored.size).toBeGreaterThan(0);
    expect(stored.size).toBeLessThan(1500);
    const [runDoc] = before.runs;
    expect(runDoc).toMatchObject({ state: 'running' });
    expect(before.items).toHaveLength(1500);

    fake.resetCounters();
    const resumed = await runCli(['resume', '--json'], env, workDir);
    expect(resumed.code).toBe(0);
    const out = JSON.parse(resumed.stdout) as {
      resumed: Array<{ runId: string; state: string; enriched: number }>;
    };
    expect(out.resumed).toHaveLength(1);
    expect(out.resumed[0]).toMatchObject({ state: 'done', enriched: 1500 });

    const after = await db.state();
    expect(checkOutcomes(after, out.resumed[0]!.runId)).toEqual([]);
    expect(after.leads).toHaveLength(1500);
    // Not one name whose answer was stored before the kill was asked again.
    const askedAgain = answered(fake)
      .map((n) => n.toLowerCase())
      .filter((k) => stored.has(k));
    expect(askedAgain).toEqual([]);
    expect(new Set(answered(fake)).size).toBe(answered(fake).length);
    expect(after.claims).toEqual([]);
  }, 120_000);

  it("a killed app's claims are not lost: another app waits for them to run out, then asks", async () => {
    fake.configure({ latencyMs: 60_000 }); // the doomed app's requests never come back
    const names = distinctNames(30);
    const env = { MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url, RUN_LEASE_SECONDS: '5' };
    const doomed = spawnCli(['enrich', '--json'], env, workDir, names.join('\n'));
    await until(async () => (await db.count('name_claims')) === 30, 30_000, 'the claims of the doomed app');
    doomed.child.kill('SIGKILL');
    await doomed.done;
    fake.configure({ latencyMs: 5 });
    fake.resetCounters();

    const other = await testApp({ MONGODB_URI: uri, NATIONALIZE_BASE_URL: fake.url });
    try {
      const started = Date.now();
      const summary = await other.enrichment.enrichText(names.join('\n'));
      expect(summary).toMatchObject({ enriched: 30, failed: [] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000); // it waited for the claims, not asked twice at once
      expect(answered(fake).sort()).toEqual([...names].sort());
      // The dead app's run is found and finished too: its names are all known now.
      const [finished] = await other.enrichment.resumeAll();
      expect(finished).toMatchObject({ state: 'done', alreadyEnriched: 30 });
    } finally {
      await other.close();
    }
  }, 60_000);
});

describe('quota from the command line', () => {
  it('100 names of quota for 300: 100 enriched and 200 waiting; cli resume after the reset enriches the rest', async () => {
    fake.configure({ quota: { limit: 100, resetSeconds: 6, rolling: true } });
    const env = {
      MONGODB_URI: uri,
      NATIONALIZE_BASE_URL: fake.url,
      NATIONALIZE_MAX_WAIT_SECONDS: '0',
      NATIONALIZE_CONCURRENCY: '2',
    };
    const first = await runCli(['enrich', '--json'], env, workDir, distinctNames(300).join('\n'));
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ state: 'waiting_quota', enriched: 100, waiting: 200 });

    const waiting = JSON.parse((await runCli(['runs', '--json'], env, workDir)).stdout);
    expect(waiting).toEqual([
      expect.objectContaining({
        state: 'waiting_quota',
        counts: expect.objectContaining({ enriched: 100, waiting: 200 }),
      }),
    ]);

    // Each window gives 100 names more: one resume after each reset, as a scheduled job would run it.
    const enrichedAfter: number[] = [];
    let runState = 'waiting_quota';
    for (let resume = 0; resume < 3 && runState !== 'done'; resume++) {
      const resumeAt = Date.parse((await db.state()).runs[0]!.resumeAt!);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, resumeAt - Date.now()) + 300));
      const [summary] = JSON.parse((await runCli(['resume', '--json'], env, workDir)).stdout).resumed;
      runState = summary.state;
      enrichedAfter.push(summary.enriched);
    }
    expect(runState).toBe('done');
    expect(enrichedAfter.at(-1)).toBe(300);
    expect(enrichedAfter.every((n, i) => i === 0 || n > enrichedAfter[i - 1]!)).toBe(true);
    const state = await db.state();
    expect(state.leads).toHaveLength(300);
    expect(checkOutcomes(state, JSON.parse(first.stdout).runId)).toEqual([]);

    const runs = JSON.parse((await runCli(['runs', '--json'], env, workDir)).stdout);
    expect(runs).toEqual([
      expect.objectContaining({
        kind: 'paste',
        state: 'done',
        counts: expect.objectContaining({ enriched: 300, waiting: 0 }),
      }),
    ]);
  }, 60_000);
});
