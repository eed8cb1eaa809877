// The kill -9 campaign, as a test: several `sync --once` processes of the command line against one
// database, some killed with SIGKILL mid-run, and a CRM that sometimes answers 500, hangs, or answers
// 200 after the client gave up. Then: no lead lost, no To Check lead sent, every repeat carries the same
// keys, the CRM holds exactly one record per lead, and every run is finished with exact counts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncStore } from '../../src/core/sync/syncStore';
import { HubspotStandIn } from '../support/crm/hubspot';
import { PipedriveStandIn } from '../support/crm/pipedrive';
import { SalesforceStandIn } from '../support/crm/salesforce';
import type { Injection, StandInRequest, StandInServer } from '../support/crm/standIn';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { seedLeads } from '../support/seed';
import { countingDatabase } from '../support/syncHarness';
import { WebhookReceiver, type WebhookAnswer } from '../support/webhookReceiver';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'src/cli/index.ts');
const TSX = import.meta.resolve('tsx');
const CLAIM_SECONDS = 6;
const SECRET = 'campaign-webhook-secret';

let mongo: TestMongo;
let workDir: string;

beforeAll(async () => {
  mongo = await startTestMongo();
  workDir = await mkdtemp(join(tmpdir(), 'lead-enricher-campaign-'));
});
afterAll(() => mongo.stop());

/** A small seeded generator, so a failing campaign can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function syncProcess(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, CLI, 'sync', '--once', '--json'], {
    cwd: workDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
      NATIONALIZE_BASE_URL: 'http://127.0.0.1:9',
      SYNC_DELIVERY_TIMEOUT_SECONDS: '1',
      SYNC_CLAIM_SECONDS: String(CLAIM_SECONDS),
      SYNC_RETRY_BASE_SECONDS: '0',
      SYNC_MAX_ATTEMPTS: '50',
      SYNC_BATCH_SIZE: '5',
      ...env,
    },
  });
}

/** Resolves with what the process printed on stdout once it exits (killed or not). */
const exited = (child: ChildProcess) =>
  new Promise<string>((done) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('close', () => done(out));
  });

/**
 * Rounds of processes started together; some are killed at a random moment once they have started
 * delivering. Then, once every claim of the killed ones has run out, clean runs until nothing is left.
 */
async function campaign(
  env: Record<string, string>,
  rnd: () => number,
  stopChaos: () => void,
): Promise<number> {
  let killed = 0;
  for (let round = 0; round < 2; round++) {
    const children = [1, 2, 3].map(() => syncProcess(env));
    for (const child of children.filter(() => rnd() < 0.7)) {
      const delay = rnd() * 800;
      const onLine = (d: Buffer) => {
        if (!/\[CRM Sync\] (Delivered|\d+ leads not delivered)/.test(d.toString())) return;
        child.stderr!.off('data', onLine);
        setTimeout(() => {
          if (child.exitCode === null && child.kill('SIGKILL')) killed++;
        }, delay);
      };
      child.stderr!.on('data', onLine);
    }
    await Promise.all(children.map(exited));
  }
  stopChaos();
  await new Promise((r) => setTimeout(r, (CLAIM_SECONDS + 1) * 1000));
  for (let sweep = 0; sweep < 4; sweep++) {
    const out = JSON.parse(await exited(syncProcess(env))) as { claimed: number };
    if (out.claimed === 0) break;
  }
  return killed;
}

async function verifyDatabase(uri: string, verified: number): Promise<void> {
  const db = await countingDatabase(uri);
  try {
    expect(await db.models.Lead.countDocuments({ status: 'Verified', isCrmSynced: true })).toBe(verified); // none lost
    expect(await db.models.Lead.countDocuments({ status: 'To Check', isCrmSynced: true })).toBe(0);
    const runs = await new SyncStore(db.models).listRuns(200);
    // Every run ended (the killed ones closed as interrupted), and the deliveries add up exactly.
    expect(runs.filter((r) => r.finishedAt === null)).toEqual([]);
    expect(runs.reduce((sum, r) => sum + r.delivered, 0)).toBe(verified);
    console.log(`${runs.length} runs, ${runs.filter((r) => r.interrupted).length} closed as interrupted`);
  } finally {
    await db.close();
  }
}

async function seeded(
  label: string,
  verified: number,
  toCheck: number,
): Promise<{ uri: string; ids: Set<string> }> {
  const uri = mongo.uri(label);
  const db = await countingDatabase(uri);
  await seedLeads(db.leads, { verified, toCheck });
  const ids = new Set((await db.models.Lead.find({ status: 'Verified' }).lean()).map((l) => String(l._id)));
  await db.close();
  return { uri, ids };
}

describe('the kill -9 campaign', () => {
  it('webhook: 0 lost, 0 To Check sent, every repeat with the same keys', async () => {
    const { uri, ids } = await seeded('campaign_webhook', 120, 15);
    const receiver = new WebhookReceiver(SECRET);
    await receiver.start();
    const rnd = random(11);
    receiver.chaos = (): WebhookAnswer | null => {
      const x = rnd();
      if (x < 0.2) return { status: 500, body: { error: 'CRM is down' } };
      if (x < 0.35) return { status: 200, hang: true };
      if (x < 0.55) return { status: 200, delayMs: 1500 }; // stored, answered after the client gave up
      return null;
    };
    try {
      const killed = await campaign(
        { MONGODB_URI: uri, CRM_MODE: 'webhook', CRM_WEBHOOK_URL: receiver.url, CRM_WEBHOOK_SECRET: SECRET },
        rnd,
        () => (receiver.chaos = null),
      );
      console.log(
        `webhook campaign: ${killed} processes killed, ${receiver.requests} requests, ` +
          `${receiver.deliveries.size} leads received, ${receiver.duplicates} repeats`,
      );
      expect(killed).toBeGreaterThan(0);
      expect(receiver.duplicates).toBeGreaterThan(0); // late 200s and killed runs made repeats
      expect(new Set(receiver.deliveries.keys())).toEqual(ids); // every Verified lead, nothing else
      expect(receiver.accepted.every((l) => l.status === 'Verified')).toBe(true);
      // A repeat carries the lead's key every time, and a batch key always stands for the same leads.
      expect(receiver.accepted.every((l) => l.idempotencyKey === l.id)).toBe(true);
      expect(receiver.keyCollisions).toBe(0);
      await verifyDatabase(uri, ids.size);
    } finally {
      await receiver.stop();
    }
  }, 180_000);

  const vendorChaos = (server: StandInServer, writes: RegExp, error: Injection, rnd: () => number) =>
    (server.chaos = (req: StandInRequest): Injection | null => {
      if (req.method === 'GET' || !writes.test(req.path)) return null;
      const x = rnd();
      if (x < 0.2) return error;
      if (x < 0.35) return { hang: true };
      if (x < 0.55) return { lateMs: 1500 };
      return null;
    });

  it.each([
    {
      name: 'hubspot',
      start: async () => {
        const s = new HubspotStandIn('pat-na1-campaign');
        await s.start();
        return {
          s,
          env: { CRM_MODE: 'hubspot', HUBSPOT_BASE_URL: s.url, HUBSPOT_TOKEN: s.token },
          writes: /batch\/upsert/,
          error: {
            answer: {
              status: 502,
              body: {
                status: 'error',
                message: 'Bad gateway',
                category: 'INTERNAL_ERROR',
                correlationId: 'x',
              },
            },
          },
          records: () => s.recordsPerLead(),
        };
      },
    },
    {
      name: 'pipedrive',
      start: async () => {
        const s = new PipedriveStandIn('pd-campaign-token');
        await s.start();
        return {
          s,
          env: { CRM_MODE: 'pipedrive', PIPEDRIVE_BASE_URL: s.url, PIPEDRIVE_API_TOKEN: s.token },
          writes: /^\/api\/v2\/persons(\/\d+)?$/,
          error: {
            answer: { status: 500, body: { success: false, error: 'Internal server error', data: null } },
          },
          records: () => s.recordsPerLead(),
        };
      },
    },
    {
      name: 'salesforce',
      start: async () => {
        const s = new SalesforceStandIn('00D!campaign-token');
        await s.start();
        return {
          s,
          env: { CRM_MODE: 'salesforce', SALESFORCE_INSTANCE_URL: s.url, SALESFORCE_ACCESS_TOKEN: s.token },
          writes: /composite\/sobjects/,
          error: {
            answer: {
              status: 500,
              body: [{ message: 'An unexpected error occurred', errorCode: 'UNKNOWN_EXCEPTION' }],
            },
          },
          records: () => s.recordsPerLead(),
        };
      },
    },
  ])(
    '$name: the CRM holds exactly one record per lead',
    async ({ name, start }) => {
      const { uri, ids } = await seeded(`campaign_${name}`, 50, 10);
      const { s, env, writes, error, records } = await start();
      const rnd = random(name.length * 7);
      vendorChaos(s.server, writes, error as Injection, rnd);
      try {
        const killed = await campaign({ MONGODB_URI: uri, ...env }, rnd, () => (s.server.chaos = null));
        const perLead = records();
        expect(killed).toBeGreaterThan(0);
        console.log(`${name} campaign: ${killed} processes killed, ${s.server.requests.length} requests`);
        expect(new Set(perLead.keys())).toEqual(ids);
        expect([...perLead.values()].every((n) => n === 1)).toBe(true);
        await verifyDatabase(uri, ids.size);
      } finally {
        await s.stop();
      }
    },
    180_000,
  );
});
