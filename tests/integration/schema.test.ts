// Values go through the schema before a bulk insert (which skips it), a few documents at a time: a
// refused value stores nothing of its batch, and the error names the lead it belongs to, wherever it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { LeadsPage } from '@shared/contract';
import type { CoreApp } from '../../src/core/app';
import { classify } from '../../src/core/classify';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';

let mongo: TestMongo;
let app: CoreApp;

beforeAll(async () => {
  mongo = await startTestMongo();
  app = await testApp({ MONGODB_URI: mongo.uri('schema') });
});
afterAll(async () => {
  await app.close();
  await mongo.stop();
});

const lead = (name: string) => ({
  name,
  key: name.toLowerCase(),
  ...classify([{ country_id: 'IE', probability: 0.9 }], { threshold: 0.6, minSampleCount: 0 }, 100)!,
});

describe('leads through the schema', () => {
  it('refuses a batch with a value out of range, naming the lead past the first group, and stores none of it', async () => {
    const store = await app.store();
    const leads = Array.from({ length: 45 }, (_, i) => lead(`Schema Lead ${i}`));
    leads[33] = { ...leads[33]!, probability: 1.5 };
    await expect(store.insertLeads(leads, new Types.ObjectId())).rejects.toThrow(
      /The lead for Schema Lead 33 failed validation/,
    );
    const envelope = await app.dispatch('leads:list', {});
    expect(envelope.ok && (envelope.data as LeadsPage).items).toEqual([]);

    await store.insertLeads(leads.slice(0, 33), new Types.ObjectId());
    const stored = await app.dispatch('leads:list', { pageSize: 50 });
    expect(stored.ok && (stored.data as LeadsPage).items).toHaveLength(33);
  });
});
