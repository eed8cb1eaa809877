// Each CRM connector end to end: the real core (createCoreApp, configured from the environment as the CLI
// is), a MongoDB-compatible server, the vendor's official client, and a loopback stand-in written from the
// vendor's documented API. Exactly one record per lead, whatever is repeated.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CoreApp } from '../../src/core/app';
import { HubspotStandIn } from '../support/crm/hubspot';
import { PipedriveStandIn } from '../support/crm/pipedrive';
import { SalesforceStandIn } from '../support/crm/salesforce';
import type { StandInServer } from '../support/crm/standIn';
import { startTestMongo, type TestMongo } from '../support/mongo';
import { testApp } from '../support/app';
import { seedLeads } from '../support/seed';
import { countingDatabase } from '../support/syncHarness';

let mongo: TestMongo;
const opened: CoreApp[] = [];
const stops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo.stop());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((a) => a.close()));
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

/** What the tests need of a stand-in, the same way for the three CRMs. */
interface Kit {
  server: StandInServer;
  env(token?: string): Record<string, string>;
  token: string;
  recordsPerLead(): Map<string, number>;
  /** The record a lead became, with its fields by meaning. */
  record(
    leadId: string,
  ): { firstName?: unknown; lastName?: unknown; name?: unknown; country?: unknown } | null;
  /** Sets a field of a record as if a salesperson had (for "keep existing values"). */
  setCountry(leadId: string, country: string): void;
  refuse(lastName: string, fullName: string): void;
  /** The next write meets the CRM's rate limit; waiting a moment clears it. */
  rateLimitNextWrite(): void;
  writeRoute: RegExp;
  batchLimit: number;
  maxBatch(): number;
  urlOf(recordId: string): string;
}

const kits: Record<'hubspot' | 'pipedrive' | 'salesforce', () => Promise<Kit>> = {
  async hubspot() {
    const s = new HubspotStandIn('pat-na1-4e1f-secret-token');
    await s.start();
    stops.push(() => s.stop());
    const contact = (leadId: string) =>
      [...s.contacts.values()].find((c) => c.properties.lead_enricher_id === leadId) ?? null;
    return {
      server: s.server,
      token: s.token,
      env: (token = s.token) => ({ CRM_MODE: 'hubspot', HUBSPOT_BASE_URL: s.url, HUBSPOT_TOKEN: token }),
      recordsPerLead: () => s.recordsPerLead(),
      record: (id) => {
        const c = contact(id);
        return (
          c && {
            firstName: c.properties.firstname,
            lastName: c.properties.lastname,
            country: c.properties.country,
          }
        );
      },
      setCountry: (id, country) => void (contact(id)!.properties.country = country),
      refuse: (lastName) => s.refuseLastNames.add(lastName),
      rateLimitNextWrite: () => {
        // The rolling window is used up: HubSpot answers 429 with its headers.
        s.server.inject({
          match: /batch\/upsert/,
          answer: {
            status: 429,
            body: {
              status: 'error',
              message: 'You have reached your ten_secondly_rolling limit.',
              errorType: 'RATE_LIMIT',
              policyName: 'TEN_SECONDLY_ROLLING',
              groupName: 'publicapi',
              correlationId: 'c',
            },
            headers: {
              'X-HubSpot-RateLimit-Interval-Milliseconds': '1000',
              'X-HubSpot-RateLimit-Remaining': '0',
              'X-HubSpot-RateLimit-Max': '100',
            },
          },
        });
      },
      writeRoute: /batch\/upsert/,
      batchLimit: 100,
      maxBatch: () => s.maxBatch,
      urlOf: (id) => `https://app.hubspot.com/contacts/4242/record/0-1/${id}`,
    };
  },
  async pipedrive() {
    const s = new PipedriveStandIn('pd-0a1b2c3d4e5f-secret');
    await s.start();
    stops.push(() => s.stop());
    const person = (leadId: string) =>
      [...s.persons.values()].find((p) => p.custom_fields[s.fieldCode('Lead Enricher ID')!] === leadId) ??
      null;
    return {
      server: s.server,
      token: s.token,
      env: (token = s.token) => ({
        CRM_MODE: 'pipedrive',
        PIPEDRIVE_BASE_URL: s.url,
        PIPEDRIVE_API_TOKEN: token,
      }),
      recordsPerLead: () => s.recordsPerLead(),
      record: (id) => {
        const p = person(id);
        return p && { name: p.name, country: p.custom_fields[s.fieldCode('Lead Enricher country')!] };
      },
      setCountry: (id, country) =>
        void (person(id)!.custom_fields[s.fieldCode('Lead Enricher country')!] = country),
      refuse: (_lastName, fullName) => s.refuseNames.add(fullName),
      rateLimitNextWrite: () =>
        s.server.inject({
          match: /^(POST|PATCH) \/api\/v2\/persons/,
          answer: {
            status: 429,
            body: { success: false, error: 'Request over limit', errorCode: 429, data: null },
            headers: { 'x-ratelimit-limit': '80', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
          },
        }),
      writeRoute: /^\/api\/v2\/persons(\/\d+)?$/,
      batchLimit: 100,
      maxBatch: () => s.maxIdsRead,
      urlOf: (id) => `https://acme.pipedrive.com/person/${id}`,
    };
  },
  async salesforce() {
    const s = new SalesforceStandIn('00Dxx0000001gPL!AR8AQ-secret-token');
    await s.start();
    stops.push(() => s.stop());
    const lead = (leadId: string) =>
      [...s.records.Lead!.values()].find((r) => r.Lead_Enricher_Id__c === leadId) ?? null;
    return {
      server: s.server,
      token: s.token,
      env: (token = s.token) => ({
        CRM_MODE: 'salesforce',
        SALESFORCE_INSTANCE_URL: s.url,
        SALESFORCE_ACCESS_TOKEN: token,
        SALESFORCE_OBJECT: 'Lead',
        SALESFORCE_EXTERNAL_ID_FIELD: 'Lead_Enricher_Id__c',
      }),
      recordsPerLead: () => s.recordsPerLead(),
      record: (id) => {
        const r = lead(id);
        return r && { firstName: r.FirstName, lastName: r.LastName, country: r.Country, company: r.Company };
      },
      setCountry: (id, country) => void (lead(id)!.Country = country),
      refuse: (lastName) => s.refuseLastNames.add(lastName),
      rateLimitNextWrite: () =>
        s.server.inject({
          match: /composite\/sobjects/,
          answer: {
            status: 403,
            body: [
              { message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
            ],
          },
        }),
      writeRoute: /composite\/sobjects/,
      batchLimit: 200,
      maxBatch: () => s.maxBatch,
      urlOf: (id) => `${s.url}/${id}`,
    };
  },
};

async function app(
  kit: Kit,
  env: Record<string, string> = {},
  log?: (line: string) => void,
): Promise<CoreApp> {
  const a = await testApp(
    {
      MONGODB_URI: mongo.uri('crm'),
      NATIONALIZE_BASE_URL: 'http://127.0.0.1:9',
      SYNC_RETRY_BASE_SECONDS: '0',
      ...kit.env(),
      ...env,
    },
    log ? { log } : {},
  );
  opened.push(a);
  return a;
}

/** As if each lead's outcome had been lost (its app died before marking it): they are sent again. */
async function forgetOutcomes(a: CoreApp): Promise<void> {
  const db = await countingDatabase(a.config.mongodbUri!);
  await db.models.Lead.updateMany({}, { $set: { isCrmSynced: false } });
  await db.close();
}

async function leadIds(a: CoreApp): Promise<string[]> {
  return (await (await a.store()).listLeads({ status: 'Verified', pageSize: 500 })).items.map((l) => l.id);
}

describe.each(['hubspot', 'pipedrive', 'salesforce'] as const)('%s connector', (name) => {
  it('creates one record per Verified lead, in batches within the limit, with the fields and a link; a repeat updates it', async () => {
    const kit = await kits[name]();
    const lines: string[] = [];
    const a = await app(kit, {}, (line) => lines.push(line));
    await seedLeads(await a.store(), { verified: 230, toCheck: 3 });

    const first = await a.sync.syncNow('cli');
    expect(first.run).toMatchObject({ claimed: 230, delivered: 230, failed: 0, error: null });
    const ids = await leadIds(a);
    expect(kit.recordsPerLead().size).toBe(230);
    expect([...kit.recordsPerLead().values()].every((n) => n === 1)).toBe(true);
    expect(kit.maxBatch()).toBeLessThanOrEqual(kit.batchLimit);

    const record = kit.record(ids[0]!)!;
    if (name === 'pipedrive') expect(record.name).toMatch(/^Verified Lead \d+$/);
    else
      expect(record).toMatchObject({ firstName: 'Verified Lead', lastName: expect.stringMatching(/^\d+$/) });
    expect(record.country).toBe('Ireland');

    const [view] = await a.sync.leadRecords([ids[0]!]);
    expect(view).toMatchObject({ state: 'synced', crm: name, error: null });
    expect(view!.recordUrl).toBe(kit.urlOf(view!.recordId!));

    // The outcome is lost (the app died before marking): the leads go again, and update their records.
    await forgetOutcomes(a);
    const repeat = await a.sync.syncNow('cli');
    expect(repeat.run.delivered).toBe(230);
    expect(kit.recordsPerLead().size).toBe(230);
    expect([...kit.recordsPerLead().values()].every((n) => n === 1)).toBe(true);
    // No secret in the log.
    expect(lines.join('\n')).not.toContain(kit.token);
  });

  it('waits out a rate limit within the delivery and then delivers', async () => {
    const kit = await kits[name]();
    const a = await app(kit);
    await seedLeads(await a.store(), { verified: 4 });
    kit.rateLimitNextWrite();
    const { run } = await a.sync.syncNow('cli');
    expect(run).toMatchObject({ delivered: 4, failed: 0, error: null });
    expect(kit.recordsPerLead().size).toBe(4);
  });

  it('a lead the CRM refuses fails with its reason; the others go', async () => {
    const kit = await kits[name]();
    const a = await app(kit);
    await seedLeads(await a.store(), { verified: 5 });
    kit.refuse('2', 'Verified Lead 2');
    const { run } = await a.sync.syncNow('cli');
    expect(run).toMatchObject({ delivered: 4, failed: 1 });
    const failed = await (await a.store()).listLeads({ syncState: 'failed' });
    expect(failed.items.map((l) => l.name)).toEqual(['Verified Lead 2']);
    expect(failed.items[0]!.syncError).toMatch(/do-not-contact|blocked by a data validation rule/);
    expect(kit.recordsPerLead().size).toBe(4);
  });

  it('a refused token stops the run and says so plainly; the leads wait, no attempt counted', async () => {
    const kit = await kits[name]();
    const lines: string[] = [];
    const a = await app(kit, kit.env('not-the-token-9876'), (line) => lines.push(line));
    await seedLeads(await a.store(), { verified: 3 });
    const { run } = await a.sync.syncNow('cli');
    expect(run.error).toMatch(/refused the (access|API) token/);
    expect(run.failed).toBe(0);
    const pending = await (await a.store()).listLeads({ syncState: 'pending' });
    expect((await (await a.store()).countLeads({ syncState: 'pending' })).all).toBe(3);
    expect(pending.items.every((l) => l.syncError === null)).toBe(true);
    expect(kit.recordsPerLead().size).toBe(0);
    expect(`${lines.join('\n')}${run.error}`).not.toContain('not-the-token-9876');
  });

  it('a write that times out is looked up before it counts as failed: applied late, it is synced', async () => {
    const kit = await kits[name]();
    const a = await app(kit, { SYNC_DELIVERY_TIMEOUT_SECONDS: '1', SYNC_CLAIM_SECONDS: '10' });
    await seedLeads(await a.store(), { verified: 2 });
    // Every write is applied, but answered after the timeout.
    kit.server.chaos = (req) =>
      kit.writeRoute.test(req.path) && req.method !== 'GET' ? { lateMs: 1500 } : null;
    const { run } = await a.sync.syncNow('cli');
    kit.server.chaos = null;
    expect(run).toMatchObject({ delivered: 2, failed: 0 });
    expect((await (await a.store()).countLeads({ syncState: 'synced' })).all).toBe(2);
    expect(kit.recordsPerLead().size).toBe(2);
  });

  it('keeps values already set in the CRM when asked to, and fills the empty ones', async () => {
    const kit = await kits[name]();
    const a = await app(kit);
    await seedLeads(await a.store(), { verified: 2 });
    await a.sync.syncNow('cli');
    const [id] = await leadIds(a);
    kit.setCountry(id!, 'Northern Ireland'); // a salesperson corrected it in the CRM
    const keep = await app(kit, { CRM_KEEP_EXISTING_VALUES: 'true', MONGODB_URI: a.config.mongodbUri! });
    await forgetOutcomes(keep);
    expect((await keep.sync.syncNow('cli')).run.delivered).toBe(2);
    expect(kit.record(id!)!.country).toBe('Northern Ireland');
    expect(kit.recordsPerLead().size).toBe(2);
  });
});

describe('Test connection and the fields the app creates', () => {
  it('HubSpot: finds the id property missing, creates it (unique) with the others, then syncs', async () => {
    const s = new HubspotStandIn('pat-na1-create-props', { idProperty: null });
    await s.start();
    stops.push(() => s.stop());
    const a = await testApp({
      MONGODB_URI: mongo.uri('hsprops'),
      CRM_MODE: 'hubspot',
      HUBSPOT_BASE_URL: s.url,
      HUBSPOT_TOKEN: s.token,
    });
    opened.push(a);
    const before = await a.sync.testConnection();
    expect(before).toMatchObject({ ok: false, canCreateFields: true });
    expect(before.message).toContain('HubSpot has no contact property "lead_enricher_id"');
    await seedLeads(await a.store(), { verified: 1 });
    expect((await a.sync.syncNow('cli')).run.error).toContain('create it with Test connection');

    const created = await a.sync.createCrmFields();
    expect(created.created).toEqual([
      'lead_enricher_id',
      'lead_enricher_country_code',
      'lead_enricher_probability',
      'lead_enricher_status',
      'lead_enricher_gender',
      'lead_enricher_age',
    ]);
    expect(s.properties.get('lead_enricher_id')?.hasUniqueValue).toBe(true);
    expect(await a.sync.testConnection()).toMatchObject({ ok: true, missingFields: [] });
    expect((await a.sync.syncNow('cli')).run.delivered).toBe(1);
    expect((await a.sync.createCrmFields()).created).toEqual([]);
  });

  it('Pipedrive: creates the person fields it needs, then syncs', async () => {
    const s = new PipedriveStandIn('pd-create-fields-token', { withFields: false });
    await s.start();
    stops.push(() => s.stop());
    const a = await testApp({
      MONGODB_URI: mongo.uri('pdfields'),
      CRM_MODE: 'pipedrive',
      PIPEDRIVE_BASE_URL: s.url,
      PIPEDRIVE_API_TOKEN: s.token,
    });
    opened.push(a);
    expect(await a.sync.testConnection()).toMatchObject({ ok: false, canCreateFields: true });
    expect((await a.sync.createCrmFields()).created).toHaveLength(7);
    expect((await a.sync.testConnection()).message).toContain('Connected to Pipedrive (acme.pipedrive.com)');
    await seedLeads(await a.store(), { verified: 2 });
    expect((await a.sync.syncNow('cli')).run.delivered).toBe(2);
    expect(s.recordsPerLead().size).toBe(2);
  });

  it('Salesforce: says the external id field must be marked External ID; a Contact needs no Company', async () => {
    const s = new SalesforceStandIn('00D!sf-ext-token', { externalId: false });
    await s.start();
    stops.push(() => s.stop());
    const env = {
      MONGODB_URI: mongo.uri('sfext'),
      CRM_MODE: 'salesforce',
      SALESFORCE_INSTANCE_URL: s.url,
      SALESFORCE_ACCESS_TOKEN: s.token,
    };
    const a = await testApp(env);
    opened.push(a);
    expect(await a.sync.testConnection()).toEqual({
      ok: false,
      message:
        'The Salesforce field Lead.Lead_Enricher_Id__c is not marked External ID, so records cannot be upserted by it',
      missingFields: ['Lead_Enricher_Country_Code__c'],
      canCreateFields: false,
    });
    await expect(a.sync.createCrmFields()).rejects.toThrow(
      'Salesforce fields are created in Setup → Object Manager',
    );

    const ok = new SalesforceStandIn('00D!sf-contact-token');
    await ok.start();
    stops.push(() => ok.stop());
    const c = await testApp({
      ...env,
      MONGODB_URI: mongo.uri('sfcontact'),
      SALESFORCE_INSTANCE_URL: ok.url,
      SALESFORCE_ACCESS_TOKEN: ok.token,
      SALESFORCE_OBJECT: 'Contact',
    });
    opened.push(c);
    await seedLeads(await c.store(), { verified: 2 });
    expect((await c.sync.syncNow('cli')).run.delivered).toBe(2);
    const contact = [...ok.records.Contact!.values()][0]!;
    expect(contact).toMatchObject({
      MailingCountry: 'Ireland',
      MailingCountryCode: 'IE',
      Lead_Enricher_Probability__c: 90,
      Lead_Enricher_Status__c: 'Verified',
    });
    expect(contact.Company).toBeUndefined();
    expect(ok.apiVersions).toEqual(new Set(['62.0']));
  });
});

describe("the stand-ins keep the vendors' limits", () => {
  it("refuse a batch over the limit with the vendor's error shape", async () => {
    const hubspot = new HubspotStandIn('pat-na1-limits');
    const salesforce = new SalesforceStandIn('00D!limits');
    const pipedrive = new PipedriveStandIn('pd-limits');
    await Promise.all([hubspot.start(), salesforce.start(), pipedrive.start()]);
    stops.push(
      () => hubspot.stop(),
      () => salesforce.stop(),
      () => pipedrive.stop(),
    );
    const many = (n: number) => Array.from({ length: n }, (_, i) => i);

    const h = await fetch(`${hubspot.url}/crm/v3/objects/contacts/batch/upsert`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hubspot.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        inputs: many(101).map((i) => ({ idProperty: 'lead_enricher_id', id: `l${i}`, properties: {} })),
      }),
    });
    expect(h.status).toBe(400);
    expect(await h.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    expect(h.headers.get('x-hubspot-ratelimit-max')).toBe('100');

    const sf = await fetch(
      `${salesforce.url}/services/data/v62.0/composite/sobjects/Lead/Lead_Enricher_Id__c`,
      {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${salesforce.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          allOrNone: false,
          records: many(201).map((i) => ({
            attributes: { type: 'Lead' },
            Lead_Enricher_Id__c: `l${i}`,
            LastName: 'X',
            Company: 'Y',
          })),
        }),
      },
    );
    expect(sf.status).toBe(400);
    expect(await sf.json()).toEqual([
      {
        message: 'record limit reached. cannot submit more than 200 records into this call',
        errorCode: 'EXCEEDED_ID_LIMIT',
      },
    ]);

    const pd = await fetch(`${pipedrive.url}/api/v2/persons?ids=${many(101).join(',')}`, {
      headers: { 'x-api-token': pipedrive.token },
    });
    expect(pd.status).toBe(400);
    expect(await pd.json()).toMatchObject({
      success: false,
      error: expect.stringContaining('at most 100 ids'),
    });
    expect(pd.headers.get('x-ratelimit-limit')).not.toBeNull();
  });
});
