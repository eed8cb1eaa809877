// The review before a run: a paste and a file, against the test database and the fake API. What it says
// is asked, known, answered, folded and refused is checked against what a run of the same list then does.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/core/app';
import type { EnrichPlan, EnrichReview } from '@shared/contract';
import { FakeNationalize } from '../support/fakeNationalize';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';

let mongo: TestMongo;
let fake: FakeNationalize;
let app: CoreApp;
let dir: string;

async function call<T>(channel: string, payload: unknown = {}): Promise<T> {
  const envelope = await app.dispatch(channel, payload);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.data as T;
}

async function refusal(channel: string, payload: unknown): Promise<string> {
  const envelope = await app.dispatch(channel, payload);
  if (envelope.ok) throw new Error(`${channel} was expected to fail`);
  return envelope.error.message;
}

beforeAll(async () => {
  mongo = await startTestMongo();
  dir = await mkdtemp(join(tmpdir(), 'lead-enricher-review-'));
});
afterAll(async () => {
  await mongo.stop();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  fake = new FakeNationalize();
  await fake.start();
  app = await testApp({ MONGODB_URI: mongo.uri('review'), NATIONALIZE_BASE_URL: fake.url });
});
afterEach(async () => {
  await app.close();
  await fake.stop();
});

describe('enrich:review', () => {
  it('tells a spreadsheet paste apart: header, name column, known, folded and refused with their rows', async () => {
    await app.enrichment.enrichText('Maria Garcia');
    const asked = fake.requests;
    const paste = [
      'Name\tCompany\tEmail',
      'Maria Garcia\tAcme Corp\tmaria.garcia@acme.com',
      'garcia, maria\tAcme\tmg@acme.com',
      'Priya Patel\tGlobex\tpriya@globex.com',
      'jane.doe@acme.com\tInitech\tjane.doe@acme.com',
      'N/A\tUmbrella\tnone@umbrella.com',
      'PRIYA PATEL\tGlobex\tpp@globex.com',
      'Dr. Kenji Sato\tHooli\tk@hooli.com',
    ].join('\n');
    const review = await call<EnrichReview>('enrich:review', { text: paste });
    expect(fake.requests).toBe(asked); // nothing asked, nothing paid
    expect(review.source).toBe('paste');
    expect(review.table).toMatchObject({
      hasHeader: true,
      nameColumns: { kind: 'single', index: 0 },
      chosenBy: 'header',
    });
    expect(review.table!.columns.map((c) => c.header)).toEqual(['Name', 'Company', 'Email']);
    expect(review.toAsk).toEqual({ count: 2, items: ['Priya Patel', 'Kenji Sato'] });
    expect(review.known).toEqual({ count: 1, items: ['Maria Garcia'] });
    expect(review.folded).toEqual({
      count: 2,
      entries: 2,
      items: [
        { name: 'Maria Garcia', times: 1 },
        { name: 'Priya Patel', times: 1 },
      ],
    });
    expect(review.refused.count).toBe(2);
    expect(review.refused.items).toEqual([
      expect.objectContaining({ line: 5, entry: 'jane.doe@acme.com', code: 'email', suggestion: 'Jane Doe' }),
      expect.objectContaining({ line: 6, entry: 'N/A', code: 'placeholder', suggestion: null }),
    ]);
    expect(review.refused.items[0]!.reason).toMatch(/email/i);
    expect(review.cost).toBe(2);

    // The plan is the same computation, summed up; the run then does what the review said.
    const plan = await call<EnrichPlan>('enrich:plan', { text: paste });
    expect(plan).toMatchObject({ toAsk: 2, known: 1, invalid: 2, duplicatesFolded: 2, cost: 2 });
    const summary = await app.enrichment.enrichText(paste);
    expect(summary).toMatchObject({ enriched: 2, alreadyEnriched: 1, duplicatesFolded: 2 });
    expect(summary.failed).toHaveLength(2);

    // A second review: everything is known now, and the answers cost nothing.
    const again = await call<EnrichReview>('enrich:review', { text: paste });
    expect(again.toAsk.count).toBe(0);
    expect(again.known.count).toBe(3);
    expect(again.cost).toBe(0);
  });

  it('numbers the lines of a plain paste, a header line counted', async () => {
    const review = await call<EnrichReview>('enrich:review', {
      text: 'Name\nOlga Ivanova\n\nTel: +1 555 0100\nhttps://example.com\nOlga Ivanova',
    });
    expect(review.table).toBeNull();
    expect(review.refused.items.map((r) => [r.line, r.code])).toEqual([
      [4, 'phone'],
      [5, 'url'],
    ]);
    expect(review.folded.items).toEqual([{ name: 'Olga Ivanova', times: 1 }]);
  });

  it('caps its lists for a large paste and still counts everything', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `Person ${String.fromCharCode(65 + (i % 26))}${i}`);
    const review = await call<EnrichReview>('enrich:review', {
      text: [
        ...names.map((n) => n.replace(/\d+$/, (d) => toWords(Number(d)))),
        ...names.map(() => 'TBD'),
      ].join('\n'),
    });
    expect(review.toAsk.count).toBe(3000);
    expect(review.toAsk.items).toHaveLength(500);
    expect(review.refused.count).toBe(1);
    expect(review.folded.items).toEqual([{ name: 'TBD', times: 2999 }]);
  });

  it('reviews a file: its format, columns and the rows of refused entries', async () => {
    const path = join(dir, 'people.csv');
    await writeFile(
      path,
      'First name,Last name,Email\nMaria,Garcia,m@acme.com\n,,\nNULL,NULL,x@yahoo.com\nKenji,Sato,k@h.com\n',
    );
    const review = await call<EnrichReview>('enrich:review', { path });
    expect(review).toMatchObject({ source: 'file', format: 'csv' });
    expect(review.table).toMatchObject({ hasHeader: true, nameColumns: { kind: 'pair', first: 0, last: 1 } });
    expect(review.toAsk.items).toEqual(['Maria Garcia', 'Kenji Sato']);

    const column = await call<EnrichReview>('enrich:review', { path, column: 'Email' });
    expect(column.refused.items.map((r) => [r.line, r.code])).toEqual([
      [2, 'email'],
      [4, 'email'],
      [5, 'email'],
    ]);
  });

  it('says in one error which row of a broken file is wrong, and which file', async () => {
    const path = join(dir, 'broken.csv');
    await writeFile(path, 'Name,Company\nMaria Garcia,Acme\n"Kenji Sato,Hooli\nPriya Patel,Globex\n');
    const message = await refusal('enrich:review', { path });
    expect(message).toContain('broken.csv');
    expect(message).toMatch(/row 3/i);
  });

  it('refuses a request with both a text and a file, or neither', async () => {
    expect(await refusal('enrich:review', { text: 'a', path: '/x.csv' })).toMatch(/either a text or a file/);
    expect(await refusal('enrich:review', {})).toMatch(/either a text or a file/);
  });
});

/** Distinct letters-only names: "Person A" + words, since digits would make them phone-like. */
function toWords(n: number): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let out = '';
  do {
    out += letters[n % letters.length];
    n = Math.floor(n / letters.length);
  } while (n > 0);
  return `${out}a`;
}
